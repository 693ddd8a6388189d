import { head, type HeadEmission } from '../head.js';

/**
 * Hop-by-hop header fields: they describe one connection, so a proxy never forwards them and
 * API Gateway, ALB and Function URLs set their own. Source: RFC 9110 §7.6.1.
 */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade']);

function withoutHopByHop<T>(fields: Readonly<Record<string, T>> | undefined): Record<string, T> | undefined {
  if (fields === undefined) return undefined;
  const out: Record<string, T> = {};
  for (const [name, value] of Object.entries(fields)) if (!HOP_BY_HOP.has(name.toLowerCase())) out[name] = value;
  return out;
}

/**
 * The head an HTTP caller gets: the handler's `head()` without hop-by-hop headers (a web
 * `Response` from a fetch-style app may carry `transfer-encoding: chunked`); and, for a
 * caller that reads only HTTP responses (API Gateway, ALB), `200` with no headers when the
 * handler emitted body bytes without a `head()`, so those callers still get a proxy result
 * (or a prelude) they can read.
 *
 * @example
 * ```ts
 * callerHead(undefined, true)?.statusCode; // 200
 * callerHead(head({ statusCode: 201, headers: { 'Transfer-Encoding': 'chunked' } }), false)?.headers; // {}
 * ```
 */
export function callerHead(given: HeadEmission | undefined, httpOnly: boolean): HeadEmission | undefined {
  if (given === undefined) return httpOnly ? head({ statusCode: 200 }) : undefined;
  const headers = withoutHopByHop(given.headers);
  const multiValueHeaders = withoutHopByHop(given.multiValueHeaders);
  return head({
    statusCode: given.statusCode,
    ...(headers ? { headers } : {}),
    ...(multiValueHeaders ? { multiValueHeaders } : {}),
    ...(given.cookies ? { cookies: given.cookies } : {}),
  });
}
