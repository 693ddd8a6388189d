import type { ALBEvent, APIGatewayProxyEvent, APIGatewayProxyEventV2 } from 'aws-lambda';
import { RecordParseError } from '../errors.js';
import { assertSource } from './assertSource.js';
import type { HttpEvent } from './route.js';

/** The HTTP sources `httpRequest()` normalises. */
export type HttpSource = 'apigw-rest' | 'apigw-http' | 'function-url' | 'alb';

/** One HTTP request, the same whichever service delivered it. */
export interface HttpRequest {
  readonly source: HttpSource;
  /** Upper case, e.g. `GET`. */
  readonly method: string;
  /**
   * The path, URL-decoded (REST APIs, Function URLs and ALB send it percent-encoded,
   * HTTP APIs decoded).
   */
  readonly path: string;
  /** Lower-cased names; repeated headers joined with `, ` (`cookie` with `; `). */
  readonly headers: Readonly<Record<string, string>>;
  /** Lower-cased names, every value. */
  readonly multiValueHeaders: Readonly<Record<string, readonly string[]>>;
  /** Query parameters, decoded; for a repeated name, its last value. */
  readonly query: Readonly<Record<string, string>>;
  /** Query parameters, decoded, every value in order. */
  readonly multiValueQuery: Readonly<Record<string, readonly string[]>>;
  /** Cookies by name, from `cookies` (payload 2.0) or the `cookie` header. */
  readonly cookies: Readonly<Record<string, string>>;
  /** Path parameters of the matched route (API Gateway), else empty. */
  readonly pathParameters: Readonly<Record<string, string>>;
  /** The body as bytes, base64-decoded when the event says so. */
  readonly body: Uint8Array;
  /** The body as UTF-8 text. */
  text(): string;
  /** The body parsed as JSON; throws `RecordParseError` when it is not JSON. */
  json<T = unknown>(): T;
  /** The caller's address as the service reports it. */
  readonly sourceIp: string | undefined;
  /** The service's request id (API Gateway, Function URL), else `undefined`. */
  readonly requestId: string | undefined;
  /** The event as Lambda delivered it. */
  readonly event: HttpEvent;
}

type Multi = Record<string, string[]>;

/** Decodes a form-encoded component (`+` as space); a malformed escape is kept as written. */
function decodeComponent(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** Decodes a path (where `+` is literal); a malformed escape keeps the path as written. */
function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** Sets an own property, even for names such as `__proto__` that plain assignment would not create. */
function define<T>(target: Record<string, T>, name: string, value: T): void {
  Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });
}

function add(target: Multi, name: string, values: readonly string[]): void {
  if (Object.hasOwn(target, name)) target[name]!.push(...values);
  else define(target, name, [...values]);
}

/** Merges single- and multi-value maps the way the services fill them (multi wins when present). */
function merge(
  single: Readonly<Record<string, string | undefined>> | null | undefined,
  multi: Readonly<Record<string, readonly string[] | undefined>> | null | undefined,
  transform: (name: string) => string,
  decode: (value: string) => string,
): Multi {
  const out: Multi = {};
  if (multi) {
    for (const [name, values] of Object.entries(multi)) if (values) add(out, transform(name), values.map(decode));
  } else if (single) {
    for (const [name, value] of Object.entries(single)) if (value !== undefined) add(out, transform(name), [decode(value)]);
  }
  return out;
}

function joinHeaders(multi: Multi): Record<string, string> {
  return Object.fromEntries(Object.entries(multi).map(([name, values]) => [name, values.join(name === 'cookie' ? '; ' : ', ')]));
}

function lastValues(multi: Multi): Record<string, string> {
  return Object.fromEntries(Object.entries(multi).map(([name, values]) => [name, values[values.length - 1] ?? '']));
}

function parseCookies(pairs: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const name = pair.slice(0, eq).trim();
    if (!Object.hasOwn(out, name)) define(out, name, pair.slice(eq + 1).trim());
  }
  return out;
}

function parseQuery(raw: string): Multi {
  const out: Multi = {};
  for (const [name, value] of new URLSearchParams(raw)) add(out, name, [value]);
  return out;
}

function bodyBytes(body: string | null | undefined, isBase64Encoded: boolean): Uint8Array {
  if (!body) return new Uint8Array(0);
  const buffer = Buffer.from(body, isBase64Encoded ? 'base64' : 'utf8');
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

interface Parts {
  method: string;
  path: string;
  headers: Multi;
  query: Multi;
  cookiePairs: readonly string[];
  pathParameters: Record<string, string | undefined> | null | undefined;
  body: Uint8Array;
  sourceIp: string | undefined;
  requestId: string | undefined;
}

function fromV2(event: APIGatewayProxyEventV2, source: 'apigw-http' | 'function-url'): Parts {
  const headers = merge(event.headers, undefined, (n) => n.toLowerCase(), (v) => v);
  const cookiePairs = event.cookies ?? [];
  if (cookiePairs.length > 0 && headers.cookie === undefined) headers.cookie = [...cookiePairs];
  return {
    method: event.requestContext.http.method,
    // HTTP APIs deliver the path already decoded; Function URLs keep it percent-encoded.
    path: source === 'apigw-http' ? event.rawPath : decodePath(event.rawPath),
    headers,
    query:
      typeof event.rawQueryString === 'string'
        ? parseQuery(event.rawQueryString)
        : merge(event.queryStringParameters, undefined, (n) => n, (v) => v),
    cookiePairs,
    pathParameters: event.pathParameters,
    body: bodyBytes(event.body, event.isBase64Encoded),
    sourceIp: event.requestContext.http.sourceIp,
    requestId: event.requestContext.requestId,
  };
}

function cookieHeaderPairs(headers: Multi): string[] {
  return (headers.cookie ?? []).flatMap((line) => line.split(';'));
}

function fromRest(event: APIGatewayProxyEvent): Parts {
  const headers = merge(event.headers, event.multiValueHeaders, (n) => n.toLowerCase(), (v) => v);
  return {
    method: event.httpMethod,
    path: decodePath(event.path),
    headers,
    query: merge(event.queryStringParameters, event.multiValueQueryStringParameters, (n) => n, (v) => v),
    cookiePairs: cookieHeaderPairs(headers),
    pathParameters: event.pathParameters,
    body: bodyBytes(event.body, event.isBase64Encoded),
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- events come from AWS services and hand-written tests; a field the type says is always there may be missing
    sourceIp: event.requestContext.identity?.sourceIp,
    requestId: event.requestContext.requestId,
  };
}

function fromAlb(event: ALBEvent): Parts {
  const headers = merge(event.headers, event.multiValueHeaders, (n) => n.toLowerCase(), (v) => v);
  // ALB passes the query string through as sent: names and values are still URL-encoded.
  return {
    method: event.httpMethod,
    path: decodePath(event.path),
    headers,
    query: merge(event.queryStringParameters, event.multiValueQueryStringParameters, decodeComponent, decodeComponent),
    cookiePairs: cookieHeaderPairs(headers),
    pathParameters: undefined,
    body: bodyBytes(event.body, event.isBase64Encoded),
    sourceIp: headers['x-forwarded-for']?.[0]?.split(',')[0]?.trim(),
    requestId: undefined,
  };
}

/**
 * Normalises an API Gateway REST (payload 1.0), HTTP API (2.0), Function URL or ALB event
 * into one request shape: method, decoded path, lower-cased headers (multi-value too),
 * decoded query, cookies, and the body as bytes / text / JSON with base64 handled.
 * Throws `EventSourceMismatchError` for any other event.
 *
 * @example
 * ```ts
 * import { of } from 'rxjs';
 * import { head } from 'rx-lambda';
 * import { httpRequest, type HttpEvent } from 'rx-lambda/sources';
 * export const handler = (event: HttpEvent) => {
 *   const request = httpRequest(event);
 *   const { name } = request.json<{ name: string }>();
 *   return of(head({ statusCode: 200, headers: { 'content-type': 'text/plain' } }), `hi ${name} via ${request.source}`);
 * };
 * ```
 */
export function httpRequest(event: HttpEvent): HttpRequest {
  const source = assertSource<HttpSource>(event, ['apigw-rest', 'apigw-http', 'function-url', 'alb']);
  const parts =
    source === 'alb'
      ? fromAlb(event as ALBEvent)
      : source === 'apigw-rest'
        ? fromRest(event as APIGatewayProxyEvent)
        : fromV2(event as APIGatewayProxyEventV2, source);
  const pathParameters = Object.fromEntries(
    Object.entries(parts.pathParameters ?? {}).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  const { body, requestId } = parts;
  return {
    source,
    method: parts.method.toUpperCase(),
    path: parts.path,
    headers: joinHeaders(parts.headers),
    multiValueHeaders: parts.headers,
    query: lastValues(parts.query),
    multiValueQuery: parts.query,
    cookies: parseCookies(parts.cookiePairs),
    pathParameters,
    body,
    text: () => new TextDecoder().decode(body),
    json: <T>() => {
      const text = new TextDecoder().decode(body);
      try {
        return JSON.parse(text) as T;
      } catch (error) {
        throw new RecordParseError(`request body is not valid JSON`, requestId ?? '', { cause: error });
      }
    },
    sourceIp: parts.sourceIp,
    requestId,
    event,
  };
}
