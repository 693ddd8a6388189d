import type { HttpHead } from '../../head.js';
import type { InvocationOutcome } from '../environments/InvocationOutcome.js';

/** The HTTP answer a front end gives for a function's buffered payload. */
export interface ApiResponse {
  readonly head: HttpHead;
  readonly body: Buffer;
}

/** API Gateway HTTP API's answer to a failed or unreadable integration. Source: API Gateway HTTP API (500 `{"message":"Internal Server Error"}`). */
const HTTP_API_ERROR: ApiResponse = {
  head: { statusCode: 500, headers: { 'content-type': 'application/json' } },
  body: Buffer.from('{"message":"Internal Server Error"}'),
};
/** API Gateway REST API's answer to a failed function or a malformed proxy response. Source: API Gateway REST API (502 `{"message": "Internal server error"}`). */
const REST_API_ERROR: ApiResponse = {
  head: { statusCode: 502, headers: { 'content-type': 'application/json' } },
  body: Buffer.from('{"message": "Internal server error"}'),
};
/** An Application Load Balancer's answer to a failed target or an invalid response. Source: ALB (502 Bad Gateway, an HTML page). */
const ALB_ERROR: ApiResponse = {
  head: { statusCode: 502, headers: { 'content-type': 'text/html' } },
  body: Buffer.from('<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n'),
};

/**
 * Reads a function's buffered payload as the service in front of it does. HTTP API
 * (payload 2.0): a proxy result (`statusCode`, `headers`, `cookies`, `body`,
 * `isBase64Encoded`), or any other JSON as a 200 `application/json` body. REST API and
 * ALB: a proxy result only (`multiValueHeaders` too). Anything else (a function error,
 * text that is not JSON, the HTTP-integration prelude of a streaming response that these
 * services cannot read) gets the service's own error answer, so the mistake shows locally
 * as it would on AWS.
 *
 * @example
 * ```ts
 * const { head, body } = apiResponse('http', { kind: 'success' }, payload);
 * ```
 */
export function apiResponse(api: 'http' | 'rest' | 'alb', outcome: InvocationOutcome, payload: Buffer): ApiResponse {
  const failed = api === 'http' ? HTTP_API_ERROR : api === 'rest' ? REST_API_ERROR : ALB_ERROR;
  if (outcome.kind === 'error') return failed;
  let value: unknown;
  try {
    value = JSON.parse(payload.toString('utf8'));
  } catch {
    return failed;
  }
  const isResult = typeof value === 'object' && value !== null && !Array.isArray(value) && 'statusCode' in value;
  if (!isResult) {
    if (api !== 'http') return failed;
    return { head: { statusCode: 200, headers: { 'content-type': 'application/json' } }, body: payload };
  }
  const result = value as Record<string, unknown>;
  const statusCode = Number(result.statusCode);
  if (!Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) return failed;
  const headers: Record<string, string> = {};
  if (typeof result.headers === 'object' && result.headers !== null) {
    for (const [name, v] of Object.entries(result.headers)) headers[name.toLowerCase()] = String(v);
  }
  const multiValueHeaders: Record<string, string[]> = {};
  if (api !== 'http' && typeof result.multiValueHeaders === 'object' && result.multiValueHeaders !== null) {
    for (const [name, values] of Object.entries(result.multiValueHeaders)) {
      if (Array.isArray(values)) multiValueHeaders[name.toLowerCase()] = values.map(String);
    }
  }
  if (api === 'http') headers['content-type'] ??= 'application/json';
  const cookies = api === 'http' && Array.isArray(result.cookies) ? result.cookies.map(String) : undefined;
  const text = typeof result.body === 'string' ? result.body : result.body === undefined || result.body === null ? '' : JSON.stringify(result.body);
  const body = result.isBase64Encoded === true ? Buffer.from(text, 'base64') : Buffer.from(text, 'utf8');
  const head: HttpHead = {
    statusCode,
    headers,
    ...(Object.keys(multiValueHeaders).length > 0 ? { multiValueHeaders } : {}),
    ...(cookies ? { cookies } : {}),
  };
  return { head, body };
}
