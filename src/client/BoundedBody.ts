/**
 * Collects the chunks of a response body up to `limit` bytes. `push` keeps a chunk (or
 * the part of it within the limit) and returns false once the body has gone past the
 * limit, so the caller can stop reading and answer with what it has.
 *
 * @example
 * ```ts
 * const body = new BoundedBody(CLIENT_ERROR_BODY_MAX_BYTES);
 * if (!body.push(chunk)) abortWith(serviceErrorFrom(status, headers, body.bytes()));
 * ```
 */
export class BoundedBody {
  readonly #chunks: Uint8Array[] = [];
  #kept = 0;
  /** Every byte pushed, kept or not. */
  size = 0;

  constructor(readonly limit: number) {}

  /** Keeps what fits; false once the body is over the limit. */
  push(chunk: Uint8Array): boolean {
    this.size += chunk.byteLength;
    const room = this.limit - this.#kept;
    if (room > 0) {
      const kept = chunk.byteLength <= room ? chunk : chunk.subarray(0, room);
      this.#chunks.push(kept);
      this.#kept += kept.byteLength;
    }
    return this.size <= this.limit;
  }

  /** The bytes kept (at most `limit`). */
  bytes(): Buffer {
    return Buffer.concat(this.#chunks);
  }
}
