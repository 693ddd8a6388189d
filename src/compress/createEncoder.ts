import zlib, { type BrotliCompress, type Gzip } from 'node:zlib';
import type { ContentCoding } from './negotiateEncoding.js';

/**
 * Brotli quality for responses made while the caller waits (0–11; the library default 11
 * is meant for static assets and costs ~20× the CPU). 5 keeps most of the ratio at gzip's
 * speed. Source: the brotli encoder's quality/speed tables (google/brotli README).
 */
export const BROTLI_STREAM_QUALITY = 5;

/** gzip level (1–9): zlib's own default, 6. */
export const GZIP_LEVEL = 6;

/** zstd level (1–22): the library's default, 3. */
export const ZSTD_LEVEL = 3;

/** A compressor that hands back, per chunk, every byte needed to decode that chunk. */
export interface Encoder {
  /** Compresses `chunk` and flushes, so what it returns decodes to all input so far. */
  write(chunk: Uint8Array): Promise<Uint8Array>;
  /** Ends the stream: the trailer bytes (checksum, end marker). */
  end(): Promise<Uint8Array>;
  /** Frees the compressor without finishing. */
  destroy(): void;
}

type Stream = Gzip | BrotliCompress;

function open(coding: ContentCoding): { stream: Stream; flushKind: number } {
  const { constants } = zlib;
  switch (coding) {
    case 'gzip':
      return { stream: zlib.createGzip({ level: GZIP_LEVEL }), flushKind: constants.Z_SYNC_FLUSH };
    case 'br':
      return {
        stream: zlib.createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_STREAM_QUALITY } }),
        flushKind: constants.BROTLI_OPERATION_FLUSH,
      };
    case 'zstd': {
      const z = zlib as unknown as { createZstdCompress(options: object): Stream; constants: Record<string, number> };
      return {
        stream: z.createZstdCompress({ params: { [z.constants.ZSTD_c_compressionLevel!]: ZSTD_LEVEL } }),
        flushKind: z.constants.ZSTD_e_flush!,
      };
    }
  }
}

/**
 * A streaming compressor for one response in `coding` whose every `write` is flushed
 * (zlib `Z_SYNC_FLUSH`, brotli `FLUSH`, zstd `e_flush`): each emitted chunk can be
 * decoded on arrival, at a small cost in ratio.
 *
 * @example
 * ```ts
 * const encoder = createEncoder('gzip');
 * const first = await encoder.write(Buffer.from('hello\n')); // gunzips to 'hello\n' already
 * const last = await encoder.end();
 * ```
 */
export function createEncoder(coding: ContentCoding): Encoder {
  const { stream, flushKind } = open(coding);
  let output: Buffer[] = [];
  let failure: Error | undefined;
  stream.on('data', (chunk: Buffer) => output.push(chunk));
  stream.on('error', (error: Error) => (failure = error));
  const take = (): Uint8Array => {
    if (failure) throw failure;
    const bytes = output.length === 1 ? output[0]! : Buffer.concat(output);
    output = [];
    return bytes;
  };
  return {
    write: (chunk) =>
      new Promise((resolve, reject) => {
        stream.write(chunk);
        stream.flush(flushKind, () => {
          try {
            resolve(take());
          } catch (error) {
            reject(error);
          }
        });
      }),
    end: () =>
      new Promise((resolve, reject) => {
        stream.once('end', () => {
          try {
            resolve(take());
          } catch (error) {
            reject(error);
          }
        });
        stream.once('error', reject);
        stream.end();
      }),
    destroy: () => stream.destroy(),
  };
}
