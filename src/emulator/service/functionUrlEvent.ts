import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { LambdaFunctionURLEvent } from 'aws-lambda';
import { isTextContentType } from '../../wire/isTextContentType.js';
import { decodePathSegment } from '../decodePathSegment.js';
import { EMULATOR_ACCOUNT_ID, EMULATOR_REGION } from './functionArn.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * The Function URL id of a function: 32 lowercase letters and digits, stable per name,
 * as in `<url-id>.lambda-url.<region>.on.aws`.
 *
 * @example
 * ```ts
 * functionUrlId('hello').length; // 32
 * ```
 */
export function functionUrlId(functionName: string): string {
  return createHash('sha256').update(functionName).digest('hex').slice(0, 32);
}

/** What of an HTTP request becomes a Function URL event. */
export interface FunctionUrlRequest {
  readonly req: IncomingMessage;
  readonly functionName: string;
  /** The path after `/lambda-url/{name}`, starting with `/`. */
  readonly rawPath: string;
  readonly body: Buffer;
  readonly requestId: string;
  readonly now?: Date;
}

/**
 * Turns an HTTP request into the payload format 2.0 event a Function URL delivers:
 * lower-case headers (repeats joined with commas) without `cookie`, `cookies`, the raw
 * query and its parsed parameters, a body (base64 with `isBase64Encoded` unless it is
 * UTF-8 text), and `requestContext` with `http` and a `*.lambda-url.*` `domainName`.
 *
 * @example
 * ```ts
 * const event = functionUrlEvent({ req, functionName: 'hello', rawPath: '/a', body, requestId });
 * event.requestContext.domainName; // '<32 chars>.lambda-url.us-east-1.on.aws'
 * ```
 */
export function functionUrlEvent(request: FunctionUrlRequest): LambdaFunctionURLEvent {
  const { req, body } = request;
  const now = request.now ?? new Date();
  const urlId = functionUrlId(request.functionName);
  const domainName = `${urlId}.lambda-url.${EMULATOR_REGION}.on.aws`;
  // Maps rather than plain objects, so names such as `__proto__` or `constructor` are kept as
  // given; read from rawHeaders because Node's headersDistinct fails on such names.
  const distinct = new Map<string, string[]>();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!.toLowerCase();
    distinct.set(name, [...(distinct.get(name) ?? []), req.rawHeaders[i + 1]!]);
  }
  const headerMap = new Map<string, string>();
  let cookies: string[] | undefined;
  for (const [name, values] of distinct) {
    if (name === 'cookie') {
      cookies = values.flatMap((value) => value.split(/;\s*/)).filter((cookie) => cookie !== '');
      continue;
    }
    headerMap.set(name, values.join(','));
  }
  if (!headerMap.has('x-forwarded-proto')) headerMap.set('x-forwarded-proto', 'http');
  if (!headerMap.has('x-forwarded-for')) headerMap.set('x-forwarded-for', req.socket.remoteAddress ?? '127.0.0.1');
  if (!headerMap.has('x-forwarded-port')) headerMap.set('x-forwarded-port', String(req.socket.localPort ?? ''));
  const headers: Record<string, string> = Object.fromEntries(headerMap);
  const queryIndex = (req.url ?? '').indexOf('?');
  const rawQueryString = queryIndex < 0 ? '' : (req.url ?? '').slice(queryIndex + 1);
  const queryMap = new Map<string, string>();
  for (const [name, value] of new URLSearchParams(rawQueryString)) {
    const seen = queryMap.get(name);
    queryMap.set(name, seen === undefined ? value : `${seen},${value}`);
  }
  const query: Record<string, string> = Object.fromEntries(queryMap);
  const event: LambdaFunctionURLEvent = {
    version: '2.0',
    routeKey: '$default',
    rawPath: request.rawPath,
    rawQueryString,
    headers,
    requestContext: {
      accountId: EMULATOR_ACCOUNT_ID,
      apiId: urlId,
      domainName,
      domainPrefix: urlId,
      http: {
        method: req.method ?? 'GET',
        path: decodePathSegment(request.rawPath),
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: request.requestId,
      routeKey: '$default',
      stage: '$default',
      time: clfTime(now),
      timeEpoch: now.getTime(),
    },
    isBase64Encoded: false,
  };
  if (cookies) event.cookies = cookies;
  if (rawQueryString) event.queryStringParameters = query;
  if (body.byteLength > 0) {
    const textual = isTextContentType(headers['content-type']) && isUtf8(body);
    event.body = textual ? body.toString('utf8') : body.toString('base64');
    event.isBase64Encoded = !textual;
  }
  return event;
}

/** `12/Mar/2020:19:03:58 +0000`, the `requestContext.time` format. */
function clfTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`
  );
}
