import { asyncScheduler, Observable, type OperatorFunction, type SchedulerLike, type Subscription } from 'rxjs';
import { InvalidEmissionError, ResponseSizeTooLargeError } from '../errors.js';
import { isHead, type HeadEmission } from '../head.js';
import { toBodyBytes } from './toBodyBytes.js';

/**
 * How the sink turns emissions into a response.
 * - `buffered`: hold everything and hand it over at completion; fail with
 *   `ResponseSizeTooLargeError` as soon as the body passes `maxBytes`.
 * - `streaming`: hold emissions until completion, `bufferLimit` held body bytes or
 *   `flushAfterMs` after the first emission, whichever comes first; then commit and pass
 *   every later emission on as it arrives.
 */
export type SinkMode =
  | { readonly kind: 'buffered'; readonly maxBytes: number }
  | { readonly kind: 'streaming'; readonly bufferLimit: number; readonly flushAfterMs: number };

/** What the sink held when the handler completed before a commit. */
export type HeldResponse =
  | { readonly kind: 'json'; readonly value: unknown }
  | {
      readonly kind: 'body';
      readonly head: HeadEmission | undefined;
      readonly chunks: readonly Uint8Array[];
      readonly size: number;
    };

/**
 * The sink's decisions, in order: either one `complete` (the handler completed while
 * everything was held), or one `commit` (size or time reached; send the head and what was
 * held) followed by a `chunk` per later body emission. Handler errors pass through the
 * error channel; whether a `commit` was seen before them decides `/error` vs trailers.
 */
export type SinkEvent =
  | { readonly kind: 'complete'; readonly response: HeldResponse }
  | {
      readonly kind: 'commit';
      readonly reason: 'size' | 'time';
      readonly head: HeadEmission | undefined;
      readonly chunks: readonly Uint8Array[];
    }
  | { readonly kind: 'chunk'; readonly bytes: Uint8Array };

type State =
  | { kind: 'empty' }
  | { kind: 'json'; value: unknown }
  | { kind: 'holding'; head: HeadEmission | undefined; chunks: Uint8Array[]; size: number }
  | { kind: 'committed' };

function secondJson(): InvalidEmissionError {
  return new InvalidEmissionError(
    'a handler emitted a JSON result and then another value; a JSON result must be the only emission. ' +
      'To stream many objects, pipe them through ndjson() (or sse()) so they become body chunks.',
  );
}

function notBody(value: unknown): InvalidEmissionError {
  const what = value === null ? 'null' : isHead(value) ? 'head()' : typeof value;
  return new InvalidEmissionError(
    `a handler emitted ${what} after body bytes; after the first emission only string or Uint8Array ` +
      'values may follow (head() must come first; use ndjson() or sse() to stream objects)',
  );
}

/**
 * The sink's decision as an operator: classifies each emission (head, body bytes, JSON
 * result), holds, and decides when the response commits to streaming. Time goes through
 * `scheduler`, so the decision is marble-testable.
 *
 * @example
 * ```ts
 * handler$.pipe(adaptiveSink({ kind: 'streaming', bufferLimit: 1 << 20, flushAfterMs: 50 }))
 *   .subscribe((decision) => console.log(decision.kind)); // 'complete' | 'commit' then 'chunk'...
 * ```
 */
export function adaptiveSink(mode: SinkMode, scheduler: SchedulerLike = asyncScheduler): OperatorFunction<unknown, SinkEvent> {
  return (source) =>
    new Observable<SinkEvent>((subscriber) => {
      let state: State = { kind: 'empty' };
      let timer: Subscription | undefined;

      const commit = (reason: 'size' | 'time'): void => {
        if (state.kind !== 'holding') return;
        const { head, chunks } = state;
        state = { kind: 'committed' };
        timer?.unsubscribe();
        subscriber.next({ kind: 'commit', reason, head, chunks });
      };

      const fail = (error: unknown): void => {
        timer?.unsubscribe();
        subscriber.error(error);
      };

      const startTimer = (): void => {
        if (mode.kind === 'streaming' && Number.isFinite(mode.flushAfterMs)) {
          timer = scheduler.schedule(() => commit('time'), mode.flushAfterMs);
        }
      };

      const hold = (bytes: Uint8Array): void => {
        if (state.kind !== 'holding') return;
        if (bytes.byteLength > 0) {
          state.chunks.push(bytes);
          state.size += bytes.byteLength;
        }
        if (mode.kind === 'buffered') {
          if (state.size > mode.maxBytes) fail(new ResponseSizeTooLargeError(state.size, mode.maxBytes));
        } else if (state.size >= mode.bufferLimit) {
          commit('size');
        }
      };

      const subscription = source.subscribe({
        next: (value) => {
          switch (state.kind) {
            case 'empty': {
              startTimer();
              if (isHead(value)) {
                state = { kind: 'holding', head: value, chunks: [], size: 0 };
                return;
              }
              const bytes = toBodyBytes(value);
              if (bytes === undefined) {
                state = { kind: 'json', value };
                return;
              }
              state = { kind: 'holding', head: undefined, chunks: [], size: 0 };
              hold(bytes);
              return;
            }
            case 'json':
              fail(secondJson());
              return;
            case 'holding': {
              const bytes = toBodyBytes(value);
              if (bytes === undefined) fail(notBody(value));
              else hold(bytes);
              return;
            }
            case 'committed': {
              const bytes = toBodyBytes(value);
              if (bytes === undefined) fail(notBody(value));
              else if (bytes.byteLength > 0) subscriber.next({ kind: 'chunk', bytes });
              return;
            }
          }
        },
        error: fail,
        complete: () => {
          timer?.unsubscribe();
          switch (state.kind) {
            case 'empty':
              subscriber.next({ kind: 'complete', response: { kind: 'body', head: undefined, chunks: [], size: 0 } });
              break;
            case 'json':
              subscriber.next({ kind: 'complete', response: { kind: 'json', value: state.value } });
              break;
            case 'holding':
              subscriber.next({
                kind: 'complete',
                response: { kind: 'body', head: state.head, chunks: state.chunks, size: state.size },
              });
              break;
            case 'committed':
              break;
          }
          subscriber.complete();
        },
      });
      return () => {
        timer?.unsubscribe();
        subscription.unsubscribe();
      };
    });
}
