import type { IncomingHttpHeaders } from 'undici/types/header.js';
import { LambdaServiceError } from '../errors.js';

/** First value of a response header. */
export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Seconds of a `Retry-After` header (delta-seconds or an HTTP date), else `undefined`. */
function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

/**
 * The typed error of a Lambda API error response: `name` from `X-Amzn-ErrorType` (without
 * its `:url` suffix), else the body's `__type`/`Type`, else `HttpError<status>`; the message
 * from the JSON body; `retryAfterSeconds` from `Retry-After` or the body's `retryAfterSeconds`.
 *
 * @example
 * ```ts
 * serviceErrorFrom(404, { 'x-amzn-errortype': 'ResourceNotFoundException' }, body).name; // 'ResourceNotFoundException'
 * ```
 */
export function serviceErrorFrom(statusCode: number, headers: IncomingHttpHeaders, body: Uint8Array): LambdaServiceError {
  const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  let json: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null) json = parsed as Record<string, unknown>;
  } catch {
    // not JSON: the text is the message
  }
  const str = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);
  const rawType =
    headerValue(headers, 'x-amzn-errortype') ?? str(json.__type) ?? str(json.Type) ?? `HttpError${statusCode}`;
  const type = rawType.split(':')[0]!.split('#').pop()!;
  const message = str(json.message) ?? str(json.Message) ?? (text.trim() || `Lambda answered ${statusCode}`);
  const bodyRetry = typeof json.retryAfterSeconds === 'string' || typeof json.retryAfterSeconds === 'number'
    ? parseRetryAfter(String(json.retryAfterSeconds))
    : undefined;
  const retryAfter = parseRetryAfter(headerValue(headers, 'retry-after')) ?? bodyRetry;
  return new LambdaServiceError(type, message, statusCode, retryAfter);
}
