import { from, isObservable, of, type Observable, type ObservableInput } from 'rxjs';
import { expandWebResponses } from './expandWebResponses.js';
import { fromWebResponse, isWebResponse } from './fromWebResponse.js';
import { pull } from './pull.js';

/**
 * What a handler returned, as the Observable the sink subscribes to: an Observable as is;
 * an AsyncIterable (async generator, Node `Readable`, web `ReadableStream`) as a `pull`
 * source, read only as fast as the response drains; a string as one body chunk; anything
 * else (Promise, array, iterable) through RxJS `from`. A web `Response`, returned or emitted,
 * becomes its head and its body (see `fromWebResponse`).
 *
 * @example
 * ```ts
 * toResponseSource(Promise.resolve({ ok: true })).subscribe(console.log); // { ok: true }
 * ```
 */
export function toResponseSource(input: ObservableInput<unknown> | Response): Observable<unknown> {
  if (isWebResponse(input)) return fromWebResponse(input);
  if (typeof input === 'string') return of(input);
  return sourceOf(input).pipe(expandWebResponses());
}

function sourceOf(input: ObservableInput<unknown>): Observable<unknown> {
  if (isObservable(input)) return input;
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- a JavaScript handler may return anything; this is the check that its value is an ObservableInput
  if (typeof input === 'object' && input !== null && typeof (input as Partial<AsyncIterable<unknown>>)[Symbol.asyncIterator] === 'function') {
    return pull(input as AsyncIterable<unknown>);
  }
  return from(input);
}
