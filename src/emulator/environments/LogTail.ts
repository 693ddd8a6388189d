import { LOG_TAIL_BYTES } from '../../limits.js';

/**
 * The log of one invocation, bounded to what `X-Amz-Log-Type: Tail` returns: the last
 * 4 KB, base64.
 *
 * @example
 * ```ts
 * const log = new LogTail();
 * log.append('START RequestId: 1\n');
 * log.base64(); // 'U1RBUlQgUmVxdWVzdElkOiAxCg=='
 * ```
 */
export class LogTail {
  readonly #chunks: Buffer[] = [];
  #bytes = 0;

  constructor(readonly limit: number = LOG_TAIL_BYTES) {}

  /** Appends text (usually one line with its newline). */
  append(text: string): void {
    const chunk = Buffer.from(text, 'utf8');
    this.#chunks.push(chunk);
    this.#bytes += chunk.byteLength;
    while (this.#chunks.length > 1 && this.#bytes - this.#chunks[0]!.byteLength >= this.limit) {
      this.#bytes -= this.#chunks.shift()!.byteLength;
    }
  }

  /** The last `limit` bytes of the log. */
  bytes(): Buffer {
    const all = Buffer.concat(this.#chunks);
    return all.byteLength > this.limit ? all.subarray(all.byteLength - this.limit) : all;
  }

  /** The last `limit` bytes of the log, base64, as in `X-Amz-Log-Result` and `InvokeComplete.LogResult`. */
  base64(): string {
    return this.bytes().toString('base64');
  }
}
