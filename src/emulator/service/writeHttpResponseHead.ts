import type { ServerResponse } from 'node:http';
import type { HttpHead } from '../../head.js';
import { assertSafeHeader } from '../../wire/index.js';

/**
 * Writes a Function URL response head: the function's headers (checked for CR, LF and
 * NUL; `InvalidHeaderError` otherwise), each cookie as its own `Set-Cookie`, and the
 * request id.
 *
 * @example
 * ```ts
 * writeHttpResponseHead(res, { statusCode: 201, headers: { 'content-type': 'text/plain' }, cookies: ['a=1'] }, id);
 * ```
 */
export function writeHttpResponseHead(res: ServerResponse, head: HttpHead, requestId: string): void {
  const headers: Record<string, string | string[]> = {};
  for (const [name, values] of Object.entries(head.multiValueHeaders ?? {})) {
    for (const value of values) assertSafeHeader(name, value);
    headers[name.toLowerCase()] = [...values];
  }
  for (const [name, value] of Object.entries(head.headers ?? {})) {
    assertSafeHeader(name, value);
    headers[name.toLowerCase()] = value;
  }
  if (head.cookies?.length) {
    for (const cookie of head.cookies) assertSafeHeader('set-cookie', cookie);
    const existing = headers['set-cookie'];
    headers['set-cookie'] = [...(existing === undefined ? [] : [existing].flat()), ...head.cookies];
  }
  headers['x-amzn-requestid'] = requestId;
  res.writeHead(head.statusCode, headers);
}

/**
 * Answers a Function URL call whose function failed: 502, like Lambda.
 *
 * @example
 * ```ts
 * sendBadGateway(res, requestId, 'Runtime.ExitError');
 * ```
 */
export function sendBadGateway(res: ServerResponse, requestId: string, errorType: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(502, {
    'content-type': 'application/json',
    'x-amzn-requestid': requestId,
    // The type may come from the function's own error JSON: keep only what a header value may hold.
    'x-amzn-errortype': errorType.replace(/[^\t\x20-\x7e]/g, ''),
  });
  res.end(JSON.stringify({ Message: 'Internal Server Error' }));
}
