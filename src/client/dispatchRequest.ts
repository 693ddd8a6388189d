import { Observable } from 'rxjs';
import { getGlobalDispatcher, type Dispatcher } from 'undici';
import type { IncomingHttpHeaders } from 'undici/types/header.js';
import { TransportError } from '../errors.js';
import type { WireRequest } from './signRequest.js';

/** One step of an HTTP exchange, as it arrives. */
export type ResponsePart =
  | { readonly kind: 'head'; readonly statusCode: number; readonly headers: IncomingHttpHeaders }
  | { readonly kind: 'data'; readonly chunk: Uint8Array }
  | { readonly kind: 'end'; readonly trailers: IncomingHttpHeaders };

/** Timeouts of one exchange, ms. */
export interface ExchangeTimeouts {
  readonly headersTimeoutMs: number;
  readonly bodyTimeoutMs: number;
}

/** Error codes of connection failures: nothing (or not all) of the request reached a handler. */
const CONNECTION_FAILURE_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_CLOSED',
]);

/** True when `error` is a `TransportError` caused by a connection failure (not a timeout). */
export function isConnectionFailure(error: unknown): boolean {
  if (!(error instanceof TransportError)) return false;
  const code = (error.cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && CONNECTION_FAILURE_CODES.has(code);
}

/** The reason given to undici when the consumer unsubscribes. */
class ConsumerAbort extends Error {
  override readonly name = 'AbortError';
}

/**
 * Sends one request through undici's low-level `dispatch` API and emits the response as it
 * arrives: its head, each body chunk (no stream layer, no copies), then its end. Unsubscribing
 * aborts the request, which destroys the socket of an unfinished response. Transport failures
 * become `TransportError` (with the undici error as `cause`).
 *
 * @example
 * ```ts
 * dispatchRequest(wire, { headersTimeoutMs: 1e4, bodyTimeoutMs: 1e4 }).subscribe((part) => console.log(part.kind));
 * ```
 */
export function dispatchRequest(
  request: WireRequest,
  timeouts: ExchangeTimeouts,
  dispatcher: Dispatcher = getGlobalDispatcher(),
): Observable<ResponsePart> {
  return new Observable<ResponsePart>((subscriber) => {
    let controller: Dispatcher.DispatchController | undefined;
    let done = false;
    const handler: Dispatcher.DispatchHandler = {
      onRequestStart(c) {
        controller = c;
        if (done) c.abort(new ConsumerAbort('unsubscribed'));
      },
      onResponseStart(_c, statusCode, headers) {
        if (!done) subscriber.next({ kind: 'head', statusCode, headers });
      },
      onResponseData(_c, chunk) {
        if (!done) subscriber.next({ kind: 'data', chunk });
      },
      onResponseEnd(_c, trailers) {
        if (done) return;
        subscriber.next({ kind: 'end', trailers });
        done = true;
        subscriber.complete();
      },
      onResponseError(_c, error) {
        if (done) return;
        done = true;
        subscriber.error(
          new TransportError(`${request.method} ${request.origin}${request.path} failed: ${error.message}`, {
            cause: error,
          }),
        );
      },
    };
    try {
      dispatcher.dispatch(
        {
          origin: request.origin,
          path: request.path,
          method: request.method,
          headers: request.headers,
          body: request.body ?? null,
          headersTimeout: timeouts.headersTimeoutMs,
          bodyTimeout: timeouts.bodyTimeoutMs,
        },
        handler,
      );
    } catch (error) {
      done = true;
      subscriber.error(new TransportError(`could not send ${request.method} ${request.origin}${request.path}`, { cause: error }));
    }
    return () => {
      if (done) return;
      done = true;
      controller?.abort(new ConsumerAbort('unsubscribed'));
    };
  });
}
