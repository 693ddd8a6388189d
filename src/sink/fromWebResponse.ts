import { concat, Observable, of } from 'rxjs';
import { head, type HeadEmission } from '../head.js';
import { pull } from './pull.js';

/**
 * True for a web `Response` (Node's global one, undici's, or any other realm's), recognised
 * by its `Symbol.toStringTag` and shape rather than `instanceof`, so a `Response` from
 * another copy of undici works too.
 */
export function isWebResponse(value: unknown): value is Response {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.prototype.toString.call(value) === '[object Response]' &&
    typeof (value as Partial<Response>).status === 'number' &&
    typeof (value as Partial<Response>).headers?.get === 'function'
  );
}

/** The head of a web `Response`: status, headers (repeated ones joined with `, `) and every `Set-Cookie`. */
export function webResponseHead(response: Response): HeadEmission {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  return head({ statusCode: response.status, headers, cookies: response.headers.getSetCookie() });
}

/**
 * A web `Response` as handler emissions: its head (status, headers, `Set-Cookie` as
 * cookies) first, then its body as a pull source (see `pull`), read only as fast as the
 * sink drains. A `Response` without a body (a redirect, a 204) is the head alone.
 * Unsubscribing cancels the body.
 *
 * @example
 * ```ts
 * import { fromWebResponse } from 'rx-lambda';
 * export const handler = () => fromWebResponse(Response.redirect('https://example.com/', 302));
 * ```
 */
export function fromWebResponse(response: Response): Observable<HeadEmission | Uint8Array> {
  const body = response.body;
  const first = of(webResponseHead(response));
  return body === null ? first : concat(first, pull<Uint8Array>(() => body as unknown as AsyncIterable<Uint8Array>));
}
