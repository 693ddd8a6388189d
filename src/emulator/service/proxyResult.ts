import type { HttpHead } from '../../head.js';
import { HTTP_INTEGRATION_CONTENT_TYPE, HttpPreludeSplitter } from '../../wire/index.js';

/** A whole Function URL response: its head and body bytes. */
export interface ProxyResponse {
  readonly head: HttpHead;
  readonly body: Buffer;
}

/**
 * Reads a buffered function result as a Function URL response, the way Lambda does for
 * payload format 2.0: a JSON object with `statusCode` gives status, `headers`, `cookies`
 * and `body` (base64 when `isBase64Encoded`); any other JSON is a 200
 * `application/json` body. A streamed HTTP-integration response (prelude, 8 NULs, body)
 * is read the same way. Throws when the result cannot be a response.
 *
 * @example
 * ```ts
 * proxyResult(Buffer.from('{"statusCode":201,"body":"made"}'), 'application/json');
 * // { head: { statusCode: 201, headers: { 'content-type': 'application/json' } }, body: <made> }
 * ```
 */
export function proxyResult(bytes: Buffer, contentType: string): ProxyResponse {
  if (contentType === HTTP_INTEGRATION_CONTENT_TYPE) {
    const splitter = new HttpPreludeSplitter();
    const split = splitter.push(bytes);
    const prelude = splitter.end();
    return { head: prelude, body: Buffer.from(split.body ?? new Uint8Array(0)) };
  }
  const json = { 'content-type': 'application/json' };
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    return { head: { statusCode: 200, headers: json }, body: bytes };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !('statusCode' in value)) {
    return { head: { statusCode: 200, headers: json }, body: bytes };
  }
  const result = value as Record<string, unknown>;
  const statusCode = Number(result.statusCode);
  if (!Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) {
    throw new TypeError(`statusCode must be an HTTP status, got ${JSON.stringify(result.statusCode)}`);
  }
  const headers: Record<string, string> = {};
  if (typeof result.headers === 'object' && result.headers !== null) {
    for (const [name, v] of Object.entries(result.headers)) headers[name.toLowerCase()] = String(v);
  }
  headers['content-type'] ??= 'application/json';
  const cookies = Array.isArray(result.cookies) ? result.cookies.map(String) : undefined;
  const rawBody = typeof result.body === 'string' ? result.body : result.body === undefined ? '' : JSON.stringify(result.body);
  const body = result.isBase64Encoded === true ? Buffer.from(rawBody, 'base64') : Buffer.from(rawBody, 'utf8');
  return { head: cookies ? { statusCode, headers, cookies } : { statusCode, headers }, body };
}
