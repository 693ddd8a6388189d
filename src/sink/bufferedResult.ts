import { detectSource } from '../sources/detectSource.js';
import type { HeldResponse } from './adaptiveSink.js';
import { toProxyResult } from './toProxyResult.js';

/** A completed response ready for a buffered post: a value to JSON-encode, or raw bytes. */
export type BufferedResult =
  | { readonly kind: 'value'; readonly value: unknown }
  | { readonly kind: 'bytes'; readonly bytes: Uint8Array };

/** Joins body chunks into one byte array (no copy for a single chunk). */
export function concatChunks(chunks: readonly Uint8Array[], size?: number): Uint8Array {
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
}

/**
 * What a held response is as a buffered result: a JSON result stays a value; an HTTP
 * response (a `head()`) becomes the proxy result of the event's source (`detectSource`);
 * plain body bytes stay bytes.
 *
 * @example
 * ```ts
 * bufferedResult({ kind: 'json', value: { ok: true } }, event); // { kind: 'value', value: { ok: true } }
 * ```
 */
export function bufferedResult(held: HeldResponse, event: unknown): BufferedResult {
  if (held.kind === 'json') return { kind: 'value', value: held.value };
  const body = concatChunks(held.chunks, held.size);
  if (held.head === undefined) return { kind: 'bytes', bytes: body };
  return { kind: 'value', value: toProxyResult(held.head, body, detectSource(event), event) };
}
