import { Observable } from 'rxjs';
import { FLOW_CONTROL } from './flowControl.js';

/**
 * An Observable over an AsyncIterable (an async generator, a Node `Readable`, a web
 * `ReadableStream`) that reads the next value only when the response sink has taken the
 * previous one: under the rx-lambda runtime and the managed-runtime adapters, reading
 * goes exactly as fast as the Runtime API socket drains, so a 1 GiB stream needs no more
 * memory than a small one. Outside a sink it reads as fast as its subscriber takes values.
 *
 * Pass a function to get a fresh iterable per subscription. Unsubscribing stops reading
 * and calls the iterator's `return()` (which destroys a `Readable`).
 *
 * @example
 * ```ts
 * import { map } from 'rxjs';
 * import { pull } from 'rx-lambda';
 * export const handler = () =>
 *   pull(async function* () { for (let i = 0; i < 1e6; i++) yield `line ${i}\n`; }).pipe(map((s) => s.toUpperCase()));
 * ```
 */
export function pull<T>(source: AsyncIterable<T> | (() => AsyncIterable<T>)): Observable<T> {
  return new Observable<T>((subscriber) => {
    const flow = FLOW_CONTROL.getStore();
    const iterable = typeof source === 'function' ? source() : source;
    const iterator = iterable[Symbol.asyncIterator]();
    let finished = false;
    const read = async (): Promise<void> => {
      try {
        while (!subscriber.closed) {
          const result = await iterator.next();
          if (result.done) {
            finished = true;
            subscriber.complete();
            return;
          }
          // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- the subscriber may close while the iterator's next() is awaited; the compiler does not follow that
          if (subscriber.closed) return;
          subscriber.next(result.value);
          const wait = flow?.ready();
          if (wait !== undefined) await wait;
        }
      } catch (error) {
        finished = true;
        subscriber.error(error);
      }
    };
    void read();
    return () => {
      if (!finished) {
        finished = true;
        void Promise.resolve(iterator.return?.()).catch(() => undefined);
      }
    };
  });
}
