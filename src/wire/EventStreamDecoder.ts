import { crc32 } from 'node:zlib';
import { HeaderMarshaller, type Message } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import {
  FrameChecksumError,
  FrameDecodeError,
  FrameLengthError,
  TruncatedFrameError,
} from '../errors.js';
import {
  EVENT_STREAM_FRAMING_BYTES,
  EVENT_STREAM_MAX_HEADERS_BYTES,
  EVENT_STREAM_MAX_MESSAGE_BYTES,
  EVENT_STREAM_PRELUDE_BYTES,
} from '../limits.js';

/** A decoded event-stream message: typed headers and the raw payload. */
export type EventStreamMessage = Message;

/** Limits a decoder enforces; both default to the protocol's limits. */
export interface EventStreamDecoderLimits {
  /** Largest whole message, bytes. */
  readonly maxMessageBytes?: number;
  /** Largest headers section, bytes. */
  readonly maxHeadersBytes?: number;
}

/**
 * Incremental `application/vnd.amazon.eventstream` decoder.
 *
 * Feed it chunks of any size with `push`; it returns the whole messages those bytes
 * complete, joining frames split across chunks and splitting chunks that hold several.
 * Lengths are checked against the limits and the prelude CRC is verified before any
 * buffer is allocated for a frame, so garbage fails fast and never allocates more than
 * the limit. Headers are parsed with smithy's `HeaderMarshaller`, the CRCs with zlib's
 * native CRC32. Call `end()` when the byte stream ends: leftover bytes are a truncated
 * frame.
 *
 * After an error the decoder is spent: further calls throw the same error.
 *
 * @example
 * ```ts
 * const decoder = new EventStreamDecoder();
 * for await (const chunk of body) for (const message of decoder.push(chunk)) handle(message);
 * decoder.end();
 * ```
 */
export class EventStreamDecoder {
  readonly #maxMessageBytes: number;
  readonly #maxHeadersBytes: number;
  readonly #headers = new HeaderMarshaller(toUtf8, fromUtf8);
  /** Chunks not yet consumed; the first starts at `#offset`. */
  #chunks: Uint8Array[] = [];
  #offset = 0;
  #buffered = 0;
  /** Total length of the frame being assembled, once its prelude has been checked. */
  #expected: number | undefined;
  #failed: Error | undefined;

  constructor(limits: EventStreamDecoderLimits = {}) {
    this.#maxMessageBytes = limits.maxMessageBytes ?? EVENT_STREAM_MAX_MESSAGE_BYTES;
    this.#maxHeadersBytes = limits.maxHeadersBytes ?? EVENT_STREAM_MAX_HEADERS_BYTES;
  }

  /** Bytes held that do not yet make a whole message. */
  get bufferedBytes(): number {
    return this.#buffered;
  }

  /** Adds bytes; returns the messages they complete, in order. */
  push(chunk: Uint8Array): EventStreamMessage[] {
    if (this.#failed) throw this.#failed;
    const out: EventStreamMessage[] = [];
    if (chunk.byteLength === 0) return out;
    this.#chunks.push(chunk);
    this.#buffered += chunk.byteLength;
    try {
      for (;;) {
        if (this.#expected === undefined) {
          if (this.#buffered < EVENT_STREAM_PRELUDE_BYTES) break;
          this.#expected = this.#checkPrelude(this.#peek(EVENT_STREAM_PRELUDE_BYTES));
        }
        if (this.#buffered < this.#expected) break;
        const frame = this.#take(this.#expected);
        this.#expected = undefined;
        out.push(this.#decode(frame));
      }
    } catch (error) {
      this.#failed = error as Error;
      this.#chunks = [];
      this.#buffered = 0;
      throw error;
    }
    return out;
  }

  /** Declares the end of the byte stream; throws `TruncatedFrameError` if a frame is incomplete. */
  end(): void {
    if (this.#failed) throw this.#failed;
    if (this.#buffered > 0) {
      this.#failed = new TruncatedFrameError(this.#buffered, this.#expected);
      throw this.#failed;
    }
  }

  #checkPrelude(prelude: Uint8Array): number {
    const view = new DataView(prelude.buffer, prelude.byteOffset, prelude.byteLength);
    const total = view.getUint32(0);
    const headers = view.getUint32(4);
    const declared = view.getUint32(8);
    const actual = crc32(prelude.subarray(0, 8));
    if (declared !== actual) throw new FrameChecksumError('prelude', declared, actual);
    if (total < EVENT_STREAM_FRAMING_BYTES) {
      throw new FrameLengthError(`event-stream frame declares ${total} bytes, below the 16 bytes of framing`, total, headers);
    }
    if (total > this.#maxMessageBytes) {
      throw new FrameLengthError(
        `event-stream frame declares ${total} bytes, over the limit of ${this.#maxMessageBytes}`,
        total,
        headers,
      );
    }
    if (headers > this.#maxHeadersBytes) {
      throw new FrameLengthError(
        `event-stream frame declares ${headers} bytes of headers, over the limit of ${this.#maxHeadersBytes}`,
        total,
        headers,
      );
    }
    if (headers > total - EVENT_STREAM_FRAMING_BYTES) {
      throw new FrameLengthError(
        `event-stream frame declares ${headers} bytes of headers in a ${total}-byte frame`,
        total,
        headers,
      );
    }
    return total;
  }

  #decode(frame: Uint8Array): EventStreamMessage {
    const total = frame.byteLength;
    const view = new DataView(frame.buffer, frame.byteOffset, total);
    const declared = view.getUint32(total - 4);
    const actual = crc32(frame.subarray(0, total - 4));
    if (declared !== actual) throw new FrameChecksumError('message', declared, actual);
    const headersLength = view.getUint32(4);
    const headersStart = EVENT_STREAM_PRELUDE_BYTES;
    let headers: EventStreamMessage['headers'];
    try {
      headers = this.#headers.parse(new DataView(frame.buffer, frame.byteOffset + headersStart, headersLength));
    } catch (cause) {
      throw new FrameDecodeError(`event-stream headers could not be decoded: ${(cause as Error).message}`, { cause });
    }
    // A header named `__proto__` replaces the parsed object's prototype instead of adding a key.
    if (Object.getPrototypeOf(headers) !== Object.prototype) {
      throw new FrameDecodeError('event-stream header name "__proto__" is not allowed');
    }
    return { headers, body: frame.subarray(headersStart + headersLength, total - 4) };
  }

  /** The first `n` buffered bytes, copied only when they span chunks. */
  #peek(n: number): Uint8Array {
    const first = this.#chunks[0]!;
    if (first.byteLength - this.#offset >= n) return first.subarray(this.#offset, this.#offset + n);
    const out = new Uint8Array(n);
    let filled = 0;
    let offset = this.#offset;
    for (const chunk of this.#chunks) {
      const part = chunk.subarray(offset, offset + (n - filled));
      out.set(part, filled);
      filled += part.byteLength;
      offset = 0;
      if (filled === n) break;
    }
    return out;
  }

  /** Removes and returns the first `n` buffered bytes, copied only when they span chunks. */
  #take(n: number): Uint8Array {
    const first = this.#chunks[0]!;
    const available = first.byteLength - this.#offset;
    let out: Uint8Array;
    if (available >= n) {
      out = first.subarray(this.#offset, this.#offset + n);
      this.#offset += n;
      if (this.#offset === first.byteLength) {
        this.#chunks.shift();
        this.#offset = 0;
      }
    } else {
      // Every byte is written below, so uninitialised memory never escapes.
      out = Buffer.allocUnsafe(n);
      let filled = 0;
      while (filled < n) {
        const chunk = this.#chunks[0]!;
        const part = chunk.subarray(this.#offset, this.#offset + (n - filled));
        out.set(part, filled);
        filled += part.byteLength;
        this.#offset += part.byteLength;
        if (this.#offset === chunk.byteLength) {
          this.#chunks.shift();
          this.#offset = 0;
        }
      }
    }
    this.#buffered -= n;
    return out;
  }
}
