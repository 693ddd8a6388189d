import { Observable, Subscription, type SchedulerLike } from 'rxjs';
import { BackpressureOverflowError, InvocationCancelledError, InvocationTimeoutError, ResponseSizeTooLargeError } from '../errors.js';
import type { Handler, InvocationContext } from '../handler.js';
import { BUFFERED_RESPONSE_MAX_BYTES } from '../limits.js';
import { adaptiveSink, type SinkEvent } from '../sink/adaptiveSink.js';
import { bufferedResult, type BufferedResult } from '../sink/bufferedResult.js';
import { FLOW_CONTROL } from '../sink/flowControl.js';
import { streamOpening, type StreamOpening } from '../sink/streamOpening.js';
import { toResponseSource } from '../sink/toResponseSource.js';
import type { EventSource } from '../sources/detectSource.js';
import { deadlineDelay } from './deadlineDelay.js';
import { planResponse, type ResponseOptions } from './planResponse.js';

/** What the core needs from the host about where the response goes. */
export interface ResponseOutlet {
  /** `undefined` when the destination can take more now, else a promise that resolves when it has drained. */
  ready(): Promise<void> | undefined;
  /** Bytes handed to the destination that it has not taken yet. */
  queuedBytes(): number;
}

/** The core's options: the response options plus the backpressure bound. */
export interface CoreOptions extends ResponseOptions {
  /** Bytes a push source may be ahead of the destination before the invocation fails. */
  readonly highWaterMark: number;
}

/** One invocation to run: a handler, its event, how to build its context, and where time comes from. */
export interface InvocationRequest {
  readonly handler: Handler;
  readonly event: unknown;
  /** Builds the invocation's context around the core's `AbortSignal`. Its `deadlineMs` is on `scheduler`'s clock. */
  readonly context: (signal: AbortSignal) => InvocationContext;
  readonly options: CoreOptions;
  readonly outlet: ResponseOutlet;
  /** All time (flush timer, deadline) goes through it. */
  readonly scheduler: SchedulerLike;
  /** The function's timeout for the timeout message; default: the time to the deadline, in whole seconds. */
  readonly timeoutSeconds?: number;
}

/**
 * What a host does, step by step, to deliver one invocation's response. Exactly one of:
 * - `buffered` (the whole response, posted at once), or
 * - `open`, then any number of `chunk`, then `end` (a streamed response), or
 * - `error` — before anything was sent (`afterCommit: false`: Lambda's `/error`), or after
 *   `open` (`afterCommit: true`: error trailers) — possibly after `open` and chunks.
 * The Observable completes after `buffered`, `end` or `error`.
 */
export type ResponseStep =
  | { readonly kind: 'buffered'; readonly source: EventSource; readonly result: BufferedResult }
  | ({ readonly kind: 'open'; readonly reason: 'size' | 'time' | 'complete'; readonly source: EventSource } & StreamOpening)
  | { readonly kind: 'chunk'; readonly bytes: Uint8Array }
  | { readonly kind: 'end' }
  | { readonly kind: 'error'; readonly error: unknown; readonly afterCommit: boolean };

/**
 * Runs a handler for one event to a response: the one core every host uses (the own
 * runtime loop, the managed-runtime adapters and `invokeHandler`). It decides the shape
 * that fits the caller (`planResponse`), runs the adaptive sink, encodes the HTTP prelude
 * or proxy result, enforces the 6 MiB buffered limit, the deadline (stopping the handler
 * `DEADLINE_MARGIN_MS` before it with `Sandbox.Timedout`) and the backpressure bound, and
 * publishes the outlet's demand to pull sources. Unsubscribing cancels the invocation
 * (its `signal` aborts). Never errors: failures are `error` steps.
 *
 * @example
 * ```ts
 * runToResponse({ handler, event, context: (signal) => buildContext(headers, signal), options,
 *   outlet: { ready: () => undefined, queuedBytes: () => 0 }, scheduler: asyncScheduler })
 *   .subscribe((step) => deliver(step));
 * ```
 */
export function runToResponse(request: InvocationRequest): Observable<ResponseStep> {
  return new Observable<ResponseStep>((subscriber) => {
    const { scheduler, options, outlet } = request;
    const controller = new AbortController();
    const startedAt = scheduler.now();
    let handlerSubscription: Subscription | undefined;
    let committed = false;
    let done = false;

    const finish = (step: ResponseStep): void => {
      if (done) return;
      done = true;
      deadline.unsubscribe();
      handlerSubscription?.unsubscribe();
      subscriber.next(step);
      subscriber.complete();
    };
    const fail = (error: unknown): void => finish({ kind: 'error', error, afterCommit: committed });

    const deadline = new Subscription();
    let context: InvocationContext;
    try {
      context = request.context(controller.signal);
    } catch (error) {
      fail(error);
      return;
    }
    const timeoutSeconds = request.timeoutSeconds ?? Math.max(1, Math.round((context.deadlineMs - startedAt) / 1000));
    const timedOut = (): InvocationTimeoutError => new InvocationTimeoutError(context.deadlineMs, timeoutSeconds);
    deadline.add(
      scheduler.schedule(() => {
        const error = timedOut();
        controller.abort(error);
        fail(error);
      }, deadlineDelay(context.deadlineMs, startedAt)),
    );

    const plan = planResponse(request.event, options);
    const onDecision = (decision: SinkEvent): void => {
      switch (decision.kind) {
        case 'complete': {
          if (scheduler.now() >= context.deadlineMs) return fail(timedOut());
          if (plan.sink.kind === 'buffered') {
            const result = bufferedResult(decision.response, plan.shape, plan.httpOnly);
            if (result.bytes.byteLength > BUFFERED_RESPONSE_MAX_BYTES) {
              return fail(new ResponseSizeTooLargeError(result.bytes.byteLength, BUFFERED_RESPONSE_MAX_BYTES));
            }
            return finish({ kind: 'buffered', source: plan.source, result });
          }
          const opening = streamOpening(decision.response, plan.shape, plan.httpOnly);
          committed = true;
          subscriber.next({ kind: 'open', reason: 'complete', source: plan.source, ...opening });
          return finish({ kind: 'end' });
        }
        case 'commit': {
          const held = { kind: 'body', head: decision.head, chunks: decision.chunks, size: 0 } as const;
          const opening = streamOpening(held, plan.shape, plan.httpOnly);
          committed = true;
          subscriber.next({ kind: 'open', reason: decision.reason, source: plan.source, ...opening });
          return;
        }
        case 'chunk': {
          const queued = outlet.queuedBytes();
          if (queued > options.highWaterMark) return fail(new BackpressureOverflowError(queued, options.highWaterMark));
          subscriber.next({ kind: 'chunk', bytes: decision.bytes });
          return;
        }
      }
    };

    try {
      const source = toResponseSource(request.handler(request.event, context)).pipe(adaptiveSink(plan.sink, scheduler));
      FLOW_CONTROL.run({ ready: () => (committed ? outlet.ready() : undefined) }, () => {
        handlerSubscription = source.subscribe({
          next: (decision) => {
            if (done) return;
            try {
              onDecision(decision);
            } catch (error) {
              fail(error);
            }
          },
          error: fail,
          complete: () => {
            if (committed) finish({ kind: 'end' });
          },
        });
      });
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- `done` is set by a callback that may run synchronously inside subscribe(); the compiler does not follow that
      if (done) handlerSubscription?.unsubscribe();
    } catch (error) {
      fail(error);
    }

    return () => {
      deadline.unsubscribe();
      if (done) return;
      done = true;
      handlerSubscription?.unsubscribe();
      controller.abort(new InvocationCancelledError('the invocation was cancelled'));
    };
  });
}
