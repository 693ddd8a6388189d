import { isIP } from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isLoopbackHost } from '../../localEndpoint.js';
import { sendServiceError } from './sendServiceError.js';

/**
 * The start of an AWS Signature Version 4 `Authorization` header. Source: AWS SigV4
 * documentation (`AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`).
 */
const SIGV4_AUTHORIZATION = /^AWS4-HMAC-SHA256 Credential=\S/;

/**
 * Refuses what a web page in a browser could send to the emulator, answering it in the
 * AWS shape; returns true when it answered. A `Host` header that names anything but
 * `localhost`, an IP address or the host the emulator was told to listen on is 403
 * `AccessDeniedException` (a DNS-rebinding page sends its own domain name). On the
 * Invoke APIs a request without a SigV4-shaped `Authorization` header is 403
 * `MissingAuthenticationTokenException` (the AWS SDKs and CLI always sign; an HTML form
 * or a simple cross-origin `fetch` cannot set it). Signatures are not checked.
 *
 * @example
 * ```ts
 * if (refuseForeignRequest(req, res, { host: '127.0.0.1', signed: isInvokeApi })) return;
 * ```
 */
export function refuseForeignRequest(
  req: IncomingMessage,
  res: ServerResponse,
  options: { readonly host: string; readonly signed: boolean },
): boolean {
  const hostHeader = req.headers.host;
  if (hostHeader !== undefined && !isServedHost(hostNameOf(hostHeader), options.host)) {
    sendServiceError(res, 'AccessDeniedException', `The local emulator does not serve the host ${JSON.stringify(hostHeader.slice(0, 100))}; use localhost or an IP address.`);
    return true;
  }
  if (options.signed && !SIGV4_AUTHORIZATION.test(req.headers.authorization ?? '')) {
    sendServiceError(res, 'MissingAuthenticationTokenException', 'Missing Authentication Token: sign the request with SigV4 (any credentials work locally).');
    return true;
  }
  return false;
}

/** The host name of a `Host` header value, without port or IPv6 brackets, lower-cased. */
function hostNameOf(value: string): string {
  const host = value.trim().toLowerCase();
  if (host.startsWith('[')) return host.slice(1, host.indexOf(']') < 0 ? undefined : host.indexOf(']'));
  const colon = host.lastIndexOf(':');
  return colon < 0 ? host : host.slice(0, colon);
}

function isServedHost(name: string, configured: string): boolean {
  return isLoopbackHost(name) || isIP(name) !== 0 || name === configured.toLowerCase() || name.endsWith('.localhost');
}
