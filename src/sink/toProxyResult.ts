import type { HeadEmission } from '../head.js';
import { isTextContentType } from '../wire/isTextContentType.js';
import { headerLists } from './headerLists.js';
import type { HttpShape } from './HttpShape.js';

/** The proxy-integration result API Gateway, Function URLs and ALB read from a buffered response. */
export interface ProxyResult {
  statusCode: number;
  statusDescription?: string;
  headers?: Record<string, string>;
  multiValueHeaders?: Record<string, string[]>;
  cookies?: string[];
  body: string;
  isBase64Encoded: boolean;
}

/** HTTP reason phrases ALB wants in `statusDescription`. Source: RFC 9110 §15. */
const REASONS: Readonly<Record<number, string>> = {
  200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found',
  304: 'Not Modified', 307: 'Temporary Redirect', 308: 'Permanent Redirect', 400: 'Bad Request',
  401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 409: 'Conflict',
  413: 'Content Too Large', 415: 'Unsupported Media Type', 422: 'Unprocessable Content', 429: 'Too Many Requests',
  500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

function statusDescription(statusCode: number): string {
  return `${statusCode} ${REASONS[statusCode] ?? ''}`.trim();
}

function headerValue(head: HeadEmission, name: string): string | undefined {
  for (const [key, value] of Object.entries(head.headers ?? {})) if (key.toLowerCase() === name) return value;
  for (const [key, values] of Object.entries(head.multiValueHeaders ?? {})) {
    if (key.toLowerCase() === name) return values[0];
  }
  return undefined;
}

/** Text bodies go as UTF-8 strings; anything compressed, declared binary or not valid UTF-8 as base64. */
function encodeBody(head: HeadEmission, body: Uint8Array): { body: string; isBase64Encoded: boolean } {
  const encoding = headerValue(head, 'content-encoding');
  const type = headerValue(head, 'content-type');
  const declaredText = isTextContentType(type);
  const compressed = encoding !== undefined && encoding.toLowerCase() !== 'identity';
  if (!compressed && (declaredText || type === undefined)) {
    try {
      return { body: new TextDecoder('utf-8', { fatal: true }).decode(body), isBase64Encoded: false };
    } catch {
      // not UTF-8: fall through to base64
    }
  }
  return { body: Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('base64'), isBase64Encoded: true };
}

/**
 * Formats a buffered HTTP response (a `head()` and its body) as the proxy result its
 * caller reads (`HttpShape`):
 * - API Gateway HTTP API / Function URL (payload 2.0): `headers` (repeated values joined
 *   with `, `) and `cookies`;
 * - API Gateway REST (1.0): `headers` plus `multiValueHeaders` (cookies as `set-cookie`);
 * - ALB: `statusDescription`, and `multiValueHeaders` when the target group has them on
 *   (`alb-multi-value`), else `headers` (the last cookie wins).
 * Text bodies are UTF-8 strings, binary ones base64 with `isBase64Encoded: true`.
 *
 * @example
 * ```ts
 * toProxyResult(head({ statusCode: 200, cookies: ['a=1'] }), Buffer.from('hi'), 'payload-v2');
 * // { statusCode: 200, headers: {}, cookies: ['a=1'], body: 'hi', isBase64Encoded: false }
 * ```
 */
export function toProxyResult(head: HeadEmission, body: Uint8Array, shape: HttpShape): ProxyResult {
  const encoded = encodeBody(head, body);
  switch (shape) {
    case 'apigw-rest': {
      const multi = headerLists(head, true);
      const headers: Record<string, string> = {};
      const multiValueHeaders: Record<string, string[]> = {};
      for (const [name, values] of multi) {
        if (values.length === 1) headers[name] = values[0]!;
        else multiValueHeaders[name] = values;
      }
      return { statusCode: head.statusCode, headers, multiValueHeaders, ...encoded };
    }
    case 'alb-multi-value':
      return {
        statusCode: head.statusCode,
        statusDescription: statusDescription(head.statusCode),
        multiValueHeaders: Object.fromEntries(headerLists(head, true)),
        ...encoded,
      };
    case 'alb': {
      const multi = headerLists(head, true);
      const headers: Record<string, string> = {};
      for (const [name, values] of multi) headers[name] = name === 'set-cookie' ? values.at(-1)! : values.join(', ');
      return { statusCode: head.statusCode, statusDescription: statusDescription(head.statusCode), headers, ...encoded };
    }
    case 'payload-v2': {
      const headers: Record<string, string> = {};
      const cookies = [...(head.cookies ?? [])];
      for (const [name, values] of headerLists(head, false)) {
        if (name === 'set-cookie') cookies.push(...values);
        else headers[name] = values.join(', ');
      }
      return { statusCode: head.statusCode, headers, cookies, ...encoded };
    }
  }
}
