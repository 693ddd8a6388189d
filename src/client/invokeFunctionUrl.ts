import { defer, from, Observable, of, switchMap, type OperatorFunction } from 'rxjs';
import type { IncomingHttpHeaders } from 'undici/types/header.js';
import { ClientConfigError, TransportError, TruncatedStreamError } from '../errors.js';
import type { CredentialsOption, TransportOptions } from './ClientOptions.js';
import { DEFAULT_LOCAL_REGION } from './clientDefaults.js';
import { dispatchRequest, type ResponsePart } from './dispatchRequest.js';
import { resolveTimeouts } from './resolveTarget.js';
import { CLIENT_ERROR_BODY_MAX_BYTES } from '../limits.js';
import { BoundedBody } from './BoundedBody.js';
import { serviceErrorFrom } from './serviceError.js';
import { signRequest, wirePath, type RequestSpec } from './signRequest.js';
import type { HttpResponseEvent } from './StreamEvent.js';
import { withRetry } from './withRetry.js';
import { withSignal } from './withSignal.js';
import { loopbackCredentials } from './loopbackCredentials.js';

/** The request of `invokeFunctionUrl`. */
export interface FunctionUrlInit extends TransportOptions {
  /** Default `GET`, or `POST` when there is a body. */
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array;
  /** `iam` signs the request with SigV4 (a URL with `AuthType: AWS_IAM`); default `none`. */
  readonly auth?: 'none' | 'iam';
  /** Signing region with `auth: 'iam'`; default from the `*.lambda-url.{region}.on.aws` host, then `AWS_REGION`. */
  readonly region?: string;
  /** Signing credentials with `auth: 'iam'`; default the AWS SDK's Node provider chain (placeholders for a loopback URL, see `loopbackCredentials`). */
  readonly credentials?: CredentialsOption;
}

const URL_HOST_REGION = /\.lambda-url\.([a-z0-9-]+)\.on\.aws$/;

function flattenHeaders(headers: IncomingHttpHeaders): { headers: Record<string, string>; cookies: string[] } {
  const out: Record<string, string> = {};
  let cookies: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    if (name === 'set-cookie') cookies = Array.isArray(value) ? value : [value];
    else out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return { headers: out, cookies };
}

/** True when a response is the Lambda service's own throttle/5xx (it names an error type), not the function's. */
function isServiceFailure(statusCode: number, headers: IncomingHttpHeaders): boolean {
  return (statusCode === 429 || statusCode >= 500) && headers['x-amzn-errortype'] !== undefined;
}

/** Turns a Function URL exchange into a `Head` and `PayloadChunk`s; service failures become `LambdaServiceError`. */
function decodeFunctionUrl(): OperatorFunction<ResponsePart, HttpResponseEvent> {
  return (source) =>
    new Observable<HttpResponseEvent>((subscriber) => {
      let failure: { statusCode: number; headers: IncomingHttpHeaders } | undefined;
      let started = false;
      const failureBody = new BoundedBody(CLIENT_ERROR_BODY_MAX_BYTES);
      return source.subscribe({
        next(part) {
          if (part.kind === 'head') {
            if (isServiceFailure(part.statusCode, part.headers)) failure = part;
            else {
              started = true;
              subscriber.next({ type: 'Head', statusCode: part.statusCode, ...flattenHeaders(part.headers) });
            }
          } else if (part.kind === 'data') {
            if (failure) {
              // A failure body past the bound is not read further: its start makes the error.
              if (!failureBody.push(part.chunk)) subscriber.error(serviceErrorFrom(failure.statusCode, failure.headers, failureBody.bytes()));
            } else subscriber.next({ type: 'PayloadChunk', payload: part.chunk });
          } else if (failure) {
            subscriber.error(serviceErrorFrom(failure.statusCode, failure.headers, failureBody.bytes()));
          } else subscriber.complete();
        },
        error(error: unknown) {
          subscriber.error(
            started && error instanceof TransportError
              ? new TruncatedStreamError(`response body broke off: ${error.message}`, { cause: error })
              : error,
          );
        },
      });
    });
}

/**
 * Calls a Lambda Function URL and emits the response as it arrives: a `Head` event
 * (status, headers, cookies), then the body as `PayloadChunk`s — so `text()`, `lines()`,
 * `ndjson()` and `sse()` apply directly. Any status is a response (the function chose it);
 * only the service's own throttles and 5xx (they carry `X-Amzn-ErrorType`) are errors, and
 * those and connection failures are retried before the head. `auth: 'iam'` signs with
 * SigV4. Unsubscribing (or `signal`) aborts the request.
 *
 * @example
 * ```ts
 * import { invokeFunctionUrl, sse } from 'rx-lambda/client';
 * invokeFunctionUrl('https://abc.lambda-url.eu-west-1.on.aws/chat', { body: JSON.stringify({ q: 'hi' }) })
 *   .pipe(sse())
 *   .subscribe(({ data }) => console.log(data));
 * ```
 */
export function invokeFunctionUrl(url: string | URL, init: FunctionUrlInit = {}): Observable<HttpResponseEvent> {
  const call = defer(() => {
    let target: URL;
    try {
      target = new URL(url);
    } catch (cause) {
      throw new ClientConfigError(`not a URL: ${String(url)}`, { cause });
    }
    if (target.protocol !== 'http:' && target.protocol !== 'https:') {
      throw new ClientConfigError(`a Function URL must be http: or https:, got ${target.protocol}`);
    }
    const body = typeof init.body === 'string' ? new TextEncoder().encode(init.body) : init.body;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(init.headers ?? {})) headers[name.toLowerCase()] = value;
    const query: Record<string, string> = {};
    for (const [name, value] of target.searchParams) query[name] = value;
    const spec: RequestSpec = {
      origin: target.origin,
      path: target.pathname,
      query,
      method: (init.method ?? (body ? 'POST' : 'GET')).toUpperCase(),
      headers,
      ...(body ? { body } : {}),
    };
    const region =
      init.region ?? URL_HOST_REGION.exec(target.hostname)?.[1] ?? process.env.AWS_REGION ?? DEFAULT_LOCAL_REGION;
    const timeouts = resolveTimeouts(init);
    return withRetry(
      () =>
        (init.auth === 'iam'
          ? from(signRequest(spec, region, loopbackCredentials(init.credentials, target, process.env)))
          : of({ origin: spec.origin, path: wirePath(spec), method: spec.method, headers, ...(body ? { body } : {}) })
        ).pipe(
          switchMap((wire) => dispatchRequest(wire, timeouts, init.dispatcher)),
          decodeFunctionUrl(),
        ),
      init.retry,
    );
  });
  return withSignal(call, init.signal);
}
