import { defer, from, type Observable, type OperatorFunction, switchMap } from 'rxjs';
import { ClientConfigError } from '../errors.js';
import type { InvokeOptions, InvokeStreamOptions } from './ClientOptions.js';
import { dispatchRequest, type ResponsePart } from './dispatchRequest.js';
import { resolveTarget, resolveTimeouts } from './resolveTarget.js';
import { signRequest } from './signRequest.js';
import { withRetry } from './withRetry.js';
import { withSignal } from './withSignal.js';

const encoder = new TextEncoder();

/** The request body of an invoke: `Uint8Array` as is, anything else as JSON, nothing for `undefined`. */
function requestBody(payload: unknown): Uint8Array | undefined {
  if (payload === undefined) return undefined;
  if (payload instanceof Uint8Array) return payload;
  return encoder.encode(JSON.stringify(payload));
}

/** The `X-Amz-*` headers of an invoke. */
function invokeHeaders(
  options: Pick<InvokeOptions, 'logType' | 'clientContext'>,
  invocationType: string,
): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-amz-invocation-type': invocationType,
  };
  if (options.logType) headers['x-amz-log-type'] = options.logType;
  if (options.clientContext !== undefined) {
    headers['x-amz-client-context'] = Buffer.from(options.clientContext, 'utf8').toString('base64');
  }
  return headers;
}

/** Which invoke API a call uses. */
export interface InvokeRoute {
  /** API path before the function name, e.g. `/2015-03-31/functions/`. */
  readonly prefix: string;
  /** API path after the function name, e.g. `/invocations`. */
  readonly suffix: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * One invoke call: resolves the target, signs each attempt afresh, sends it with undici's
 * `dispatch`, decodes the exchange with `decode`, retries before the first emission, and
 * honours `signal`. The function name is a path label (ARNs' `:` percent-encoded).
 *
 * @example
 * ```ts
 * invokeCall(options, { prefix: INVOKE_PATH_PREFIX, suffix: '/invocations' }, collectInvoke());
 * ```
 */
export function invokeCall<T>(
  options: InvokeOptions | InvokeStreamOptions,
  route: InvokeRoute,
  decode: OperatorFunction<ResponsePart, T>,
): Observable<T> {
  const call = defer(() => {
    if (!options.functionName) throw new ClientConfigError('functionName is required');
    const target = resolveTarget(options);
    const timeouts = resolveTimeouts(options);
    const body = requestBody(options.payload);
    const spec = {
      origin: target.origin,
      path: `${target.basePath}${route.prefix}${encodeURIComponent(options.functionName)}${route.suffix}`,
      ...(options.qualifier ? { query: { Qualifier: options.qualifier } } : {}),
      method: 'POST',
      headers: { ...invokeHeaders(options, options.invocationType ?? 'RequestResponse'), ...route.headers },
      ...(body ? { body } : {}),
    };
    return withRetry(
      () =>
        from(signRequest(spec, target.region, target.credentials)).pipe(
          switchMap((wire) => dispatchRequest(wire, timeouts, options.dispatcher)),
          decode,
        ),
      options.retry,
    );
  });
  return withSignal(call, options.signal);
}
