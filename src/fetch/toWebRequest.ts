import type { ALBEvent, APIGatewayProxyEvent, APIGatewayProxyEventV2 } from 'aws-lambda';
import { httpRequest, type HttpRequest } from '../sources/httpRequest.js';
import type { HttpEvent } from '../sources/route.js';

/** Methods whose requests carry no body (the `Request` constructor rejects one). Source: Fetch standard, "new Request". */
const BODILESS_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD']);

/** The host a request names when its event has neither a `Host` header nor a domain name. */
const FALLBACK_HOST = 'localhost';

/** The path as the caller sent it, percent-encoded, from the event's own raw field. */
function rawPath(request: HttpRequest): string {
  const event = request.event;
  if (request.source === 'function-url') return (event as APIGatewayProxyEventV2).rawPath;
  if (request.source === 'apigw-rest' || request.source === 'alb') return (event as APIGatewayProxyEvent | ALBEvent).path;
  // HTTP APIs deliver rawPath decoded: let URL re-encode it.
  return (event as APIGatewayProxyEventV2).rawPath;
}

/** The query string as the caller sent it (payload 2.0), else rebuilt from the decoded parameters. */
function rawQuery(request: HttpRequest): string {
  const event = request.event as Partial<APIGatewayProxyEventV2>;
  if ((request.source === 'function-url' || request.source === 'apigw-http') && typeof event.rawQueryString === 'string') {
    return event.rawQueryString;
  }
  const params = new URLSearchParams();
  for (const [name, values] of Object.entries(request.multiValueQuery)) for (const value of values) params.append(name, value);
  return params.toString();
}

function domainName(event: HttpEvent): string | undefined {
  const context = (event as { requestContext?: { domainName?: unknown } }).requestContext;
  return typeof context?.domainName === 'string' ? context.domainName : undefined;
}

/**
 * A Lambda HTTP event (API Gateway REST or HTTP API, Function URL, ALB) as a web `Request`:
 * its method, an absolute URL (`x-forwarded-proto`, `Host` or the domain name, the path
 * and query as sent), every header (repeated ones appended), the cookies in one `Cookie`
 * header, and the body with base64 decoded. `signal` aborts the request (pass the
 * invocation's). Throws `EventSourceMismatchError` for any other event.
 *
 * @example
 * ```ts
 * import { toWebRequest } from 'rx-lambda';
 * export const handler = async (event, context) => {
 *   const request = toWebRequest(event, context.signal);
 *   return { url: request.url, method: request.method };
 * };
 * ```
 */
export function toWebRequest(event: HttpEvent, signal?: AbortSignal): Request {
  const request = httpRequest(event);
  const headers = new Headers();
  for (const [name, values] of Object.entries(request.multiValueHeaders)) {
    if (name === 'cookie') headers.set(name, request.headers.cookie ?? '');
    else for (const value of values) headers.append(name, value);
  }
  const protocol = request.headers['x-forwarded-proto']?.split(',')[0]?.trim() || 'https';
  const host = request.headers.host ?? domainName(event) ?? FALLBACK_HOST;
  const url = new URL(`${protocol}://${host}`);
  url.pathname = rawPath(request) || '/';
  url.search = rawQuery(request);
  const hasBody = !BODILESS_METHODS.has(request.method) && request.body.byteLength > 0;
  return new Request(url, {
    method: request.method,
    headers,
    ...(hasBody ? { body: request.body as Uint8Array<ArrayBuffer> } : {}),
    ...(signal ? { signal } : {}),
  });
}
