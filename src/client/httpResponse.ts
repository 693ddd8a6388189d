import { Observable, type OperatorFunction } from 'rxjs';
import { HttpPreludeSplitter } from '../wire/HttpPreludeSplitter.js';
import type { HttpPrelude } from '../wire/encodeHttpPrelude.js';
import { bytesOf } from './bytesOf.js';
import type { ByteSource, HttpResponseEvent } from './StreamEvent.js';

/** The `Head` event of a prelude: lower-case header names, multi-value headers joined with `, `. */
function headOf(prelude: HttpPrelude): HttpResponseEvent & { type: 'Head' } {
  // A Map, so names such as `__proto__` or `constructor` are kept as given.
  const headers = new Map<string, string>();
  for (const [name, value] of Object.entries(prelude.headers ?? {})) headers.set(name.toLowerCase(), value);
  for (const [name, values] of Object.entries(prelude.multiValueHeaders ?? {})) {
    const key = name.toLowerCase();
    if (key === 'set-cookie') continue;
    const seen = headers.get(key);
    headers.set(key, [...(seen !== undefined ? [seen] : []), ...values].join(', '));
  }
  const cookies = [...(prelude.cookies ?? []), ...(prelude.multiValueHeaders?.['set-cookie'] ?? [])];
  return { type: 'Head', statusCode: prelude.statusCode, headers: Object.fromEntries(headers), cookies };
}

/**
 * Splits a streamed HTTP-integration response (the function emitted `head()`, or wrote
 * `awslambda.HttpResponseStream.from(...)`) into a `Head` event (status, headers, cookies)
 * and the body as `PayloadChunk`s. AWS's SDKs hand the prelude to callers as body bytes;
 * this removes it. A stream that does not start with a prelude errors with
 * `PreludeDecodeError`; a function error is a `FunctionError` as with `payload()`.
 *
 * @example
 * ```ts
 * invokeStream({ functionName: 'page' }).pipe(httpResponse()).subscribe((event) => {
 *   if (event.type === 'Head') console.log(event.statusCode);
 *   else process.stdout.write(event.payload);
 * });
 * ```
 */
export function httpResponse(): OperatorFunction<ByteSource, HttpResponseEvent> {
  return (source) =>
    new Observable<HttpResponseEvent>((subscriber) => {
      const splitter = new HttpPreludeSplitter();
      return source.subscribe({
        next(value) {
          try {
            const bytes = bytesOf(value);
            if (!bytes) return;
            const { prelude, body } = splitter.push(bytes);
            if (prelude) subscriber.next(headOf(prelude));
            if (body && !subscriber.closed) subscriber.next({ type: 'PayloadChunk', payload: body });
          } catch (error) {
            subscriber.error(error);
          }
        },
        error: (error: unknown) => subscriber.error(error),
        complete() {
          try {
            splitter.end();
          } catch (error) {
            subscriber.error(error);
            return;
          }
          subscriber.complete();
        },
      });
    });
}
