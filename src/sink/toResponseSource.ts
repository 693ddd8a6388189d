import { from, isObservable, of, type Observable, type ObservableInput } from 'rxjs';
import { pull } from './pull.js';

/**
 * What a handler returned, as the Observable the sink subscribes to: an Observable as is;
 * an AsyncIterable (async generator, Node `Readable`, web `ReadableStream`) as a `pull`
 * source, read only as fast as the response drains; a string as one body chunk; anything
 * else (Promise, array, iterable) through RxJS `from`.
 *
 * @example
 * ```ts
 * toResponseSource(Promise.resolve({ ok: true })).subscribe(console.log); // { ok: true }
 * ```
 */
export function toResponseSource(input: ObservableInput<unknown>): Observable<unknown> {
  if (isObservable(input)) return input;
  if (typeof input === 'string') return of(input);
  if (typeof input === 'object' && input !== null && typeof (input as Partial<AsyncIterable<unknown>>)[Symbol.asyncIterator] === 'function') {
    return pull(input as AsyncIterable<unknown>);
  }
  return from(input);
}
