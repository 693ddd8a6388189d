import { InvalidHeaderError, PreludeTooLargeError } from '../errors.js';
import { HTTP_PRELUDE_DELIMITER_BYTES, HTTP_PRELUDE_MAX_BYTES } from '../limits.js';

/** The JSON prelude of an HTTP-integration streaming response. */
export interface HttpPrelude {
  readonly statusCode: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** Repeated headers; API Gateway REST reads these. */
  readonly multiValueHeaders?: Readonly<Record<string, readonly string[]>>;
  readonly cookies?: readonly string[];
}

/** Content type of a streamed HTTP-integration response. Source: Lambda response streaming docs. */
export const HTTP_INTEGRATION_CONTENT_TYPE = 'application/vnd.awslambda.http-integration-response';

const FORBIDDEN = /[\r\n\0]/;
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Throws `InvalidHeaderError` when a header name is not an HTTP token or a value holds CR, LF or NUL. */
export function assertSafeHeader(name: string, value: string): void {
  if (!TOKEN.test(name)) throw new InvalidHeaderError(name, 'name is not an HTTP token');
  if (FORBIDDEN.test(value)) throw new InvalidHeaderError(name, 'value contains CR, LF or NUL');
}

/**
 * Encodes an HTTP-integration prelude: its JSON, then exactly 8 NUL bytes.
 * Rejects unsafe header names and values (`InvalidHeaderError`) and a prelude over
 * API Gateway's 16 KiB (`PreludeTooLargeError`).
 *
 * @example
 * ```ts
 * const bytes = encodeHttpPrelude({ statusCode: 200, headers: { 'content-type': 'text/plain' } });
 * ```
 */
export function encodeHttpPrelude(prelude: HttpPrelude): Uint8Array {
  const json: Record<string, unknown> = { statusCode: prelude.statusCode };
  if (prelude.headers) {
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-conversion -- a JavaScript handler may emit a number as a header value
    for (const [name, value] of Object.entries(prelude.headers)) assertSafeHeader(name, String(value));
    json.headers = prelude.headers;
  }
  if (prelude.multiValueHeaders) {
    for (const [name, values] of Object.entries(prelude.multiValueHeaders)) {
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-conversion -- a JavaScript handler may emit a number as a header value
      for (const value of values) assertSafeHeader(name, String(value));
    }
    json.multiValueHeaders = prelude.multiValueHeaders;
  }
  if (prelude.cookies) {
    for (const cookie of prelude.cookies) assertSafeHeader('set-cookie', cookie);
    json.cookies = prelude.cookies;
  }
  const body = Buffer.from(JSON.stringify(json));
  const size = body.byteLength + HTTP_PRELUDE_DELIMITER_BYTES;
  if (size > HTTP_PRELUDE_MAX_BYTES) throw new PreludeTooLargeError(size, HTTP_PRELUDE_MAX_BYTES);
  const out = new Uint8Array(size);
  out.set(body, 0);
  return out;
}
