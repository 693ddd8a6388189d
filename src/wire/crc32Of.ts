import { crc32 } from 'node:zlib';

/**
 * CRC32 (the IEEE polynomial event-stream frames use) of `bytes`, continuing from `initial`
 * (the CRC of the bytes before them), so a frame's CRC can be computed piece by piece.
 *
 * @example
 * ```ts
 * crc32Of(b, crc32Of(a)) === crc32Of(Buffer.concat([a, b])); // true
 * ```
 */
export function crc32Of(bytes: Uint8Array, initial = 0): number {
  return crc32(bytes, initial);
}
