import type { HeldResponse } from './adaptiveSink.js';
import { callerHead } from './callerHead.js';
import type { HttpShape } from './HttpShape.js';
import { toProxyResult, type ProxyResult } from './toProxyResult.js';

/**
 * A completed response as one buffered payload: the bytes posted to the Runtime API, their
 * content type, and (for a JSON result or an HTTP proxy result) the value those bytes encode,
 * which a managed-runtime adapter returns instead.
 */
export type BufferedResult =
  | {
      readonly kind: 'value';
      readonly value: unknown;
      /** Set when the value is the proxy result of an HTTP response (a `head()`). */
      readonly proxy?: ProxyResult;
      readonly contentType: 'application/json';
      readonly bytes: Uint8Array;
    }
  | { readonly kind: 'bytes'; readonly contentType: 'application/octet-stream'; readonly bytes: Uint8Array };

/** Joins body chunks into one byte array (no copy for a single chunk). */
export function concatChunks(chunks: readonly Uint8Array[], size?: number): Uint8Array {
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
}

/** The JSON bytes of a value, as Lambda carries a JSON result (`undefined` is `null`). */
export function jsonBytes(value: unknown): Uint8Array {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- JSON.stringify returns undefined for undefined and functions, which its lib type omits
  return Buffer.from(JSON.stringify(value) ?? 'null');
}

/**
 * What a held response is as a buffered payload: a JSON result is its JSON; an HTTP
 * response (a `head()`) the proxy result its caller reads (`shape`); plain body bytes stay
 * bytes, except for a caller that reads only HTTP responses (`httpOnly`: API Gateway, ALB),
 * which gets them as a `200` proxy result.
 *
 * @example
 * ```ts
 * bufferedResult({ kind: 'json', value: { ok: true } }, 'payload-v2', false).bytes; // '{"ok":true}' as bytes
 * ```
 */
export function bufferedResult(held: HeldResponse, shape: HttpShape, httpOnly: boolean): BufferedResult {
  if (held.kind === 'json') return { kind: 'value', value: held.value, contentType: 'application/json', bytes: jsonBytes(held.value) };
  const body = concatChunks(held.chunks, held.size);
  const httpHead = callerHead(held.head, httpOnly);
  if (httpHead === undefined) return { kind: 'bytes', contentType: 'application/octet-stream', bytes: body };
  const value = toProxyResult(httpHead, body, shape);
  return { kind: 'value', value, proxy: value, contentType: 'application/json', bytes: jsonBytes(value) };
}
