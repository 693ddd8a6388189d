import { concatMap, defer, type Observable } from 'rxjs';
import type { Handler, InvocationContext } from '../handler.js';
import type { HeadEmission } from '../head.js';
import { fromWebResponse } from '../sink/fromWebResponse.js';
import type { HttpEvent } from '../sources/route.js';
import { toWebRequest } from './toWebRequest.js';

/** What a fetch-style app receives besides the `Request`: the Lambda event and context. */
export interface FetchEnv {
  readonly event: HttpEvent;
  readonly context: InvocationContext;
}

/**
 * A fetch-style app: Hono's `app.fetch`, itty-router's `router.fetch`, or any
 * `(Request) => Response` function.
 */
export type FetchApp = (request: Request, env: FetchEnv) => Response | PromiseLike<Response>;

/**
 * Turns a fetch-style app into a `Handler` for every HTTP source (API Gateway REST and
 * HTTP API, Function URLs, ALB). Each event becomes a `Request` (see `toWebRequest`; it
 * aborts with the invocation), the app's `Response` becomes the head and a pull source of
 * its body, and the sink decides per response whether it goes out buffered or streamed. A
 * `Response` without a body (a redirect) is a head alone and never waits on a stream.
 * The app also receives `{ event, context }` as its second argument (Hono's `c.env`).
 *
 * @example
 * ```ts
 * import { Hono } from 'hono';
 * import { fetchHandler } from 'rx-lambda';
 * const app = new Hono().get('/hello', (c) => c.json({ hello: 'world' }));
 * export const handler = fetchHandler(app.fetch);
 * ```
 */
export function fetchHandler(app: FetchApp): Handler<HttpEvent> {
  return (event: HttpEvent, context: InvocationContext): Observable<HeadEmission | Uint8Array> =>
    defer(async () => app(toWebRequest(event, context.signal), { event, context })).pipe(concatMap(fromWebResponse));
}
