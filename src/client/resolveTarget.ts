import { ClientConfigError } from '../errors.js';
import type { CredentialsOption, LambdaTarget, TransportOptions } from './ClientOptions.js';
import { DEFAULT_BODY_TIMEOUT_MS, DEFAULT_HEADERS_TIMEOUT_MS, DEFAULT_LOCAL_REGION } from './clientDefaults.js';
import type { ExchangeTimeouts } from './dispatchRequest.js';
import { loopbackCredentials } from './loopbackCredentials.js';

/** Where a Lambda API call goes, resolved from the options and the environment. */
export interface ResolvedTarget {
  readonly origin: string;
  /** Path prefix of the endpoint, without a trailing slash (usually empty). */
  readonly basePath: string;
  readonly region: string;
  readonly credentials: CredentialsOption | undefined;
}

/**
 * Resolves region (options, `AWS_REGION`, then `us-east-1` with an explicit endpoint),
 * endpoint (options, else `https://lambda.{region}.amazonaws.com`) and credentials
 * (placeholders for a loopback endpoint when none are given or in the environment; see
 * `loopbackCredentials`).
 * Throws `ClientConfigError` when there is no region for AWS or the endpoint is not a URL.
 *
 * @example
 * ```ts
 * resolveTarget({ endpoint: 'http://127.0.0.1:9001' }); // { origin: 'http://127.0.0.1:9001', region: 'us-east-1', ... }
 * ```
 */
export function resolveTarget(options: LambdaTarget, env: NodeJS.ProcessEnv = process.env): ResolvedTarget {
  const region = options.region || env.AWS_REGION || (options.endpoint ? DEFAULT_LOCAL_REGION : undefined);
  if (!region) {
    throw new ClientConfigError('no region: pass `region`, set AWS_REGION, or pass an `endpoint`');
  }
  const endpoint = options.endpoint ?? `https://lambda.${region}.amazonaws.com`;
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch (cause) {
    throw new ClientConfigError(`endpoint is not a URL: ${JSON.stringify(endpoint)}`, { cause });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ClientConfigError(`endpoint must be http: or https:, got ${url.protocol}`);
  }
  return { origin: url.origin, basePath: url.pathname.replace(/\/+$/, ''), region, credentials: loopbackCredentials(options.credentials, url, env) };
}

/** The timeouts of a call, defaults applied. */
export function resolveTimeouts(options: TransportOptions): ExchangeTimeouts {
  return {
    headersTimeoutMs: options.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS,
    bodyTimeoutMs: options.bodyTimeoutMs ?? DEFAULT_BODY_TIMEOUT_MS,
  };
}
