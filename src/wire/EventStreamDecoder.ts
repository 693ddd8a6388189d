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
 * Size of the shared buffers that frames split across chunks are joined into, bytes. Our
 * choice: a 256 KiB slab holds seven 32 KiB frames, so joining allocates (and later
 * collects) one buffer per seven frames instead of one per frame; a payload kept alive
 * keeps at most this much memory alive.
 */
const JOIN_SLAB_BYTES = 256 * 1024;
/** Largest split frame joined into a slab, bytes (a quarter of a slab, so little of it is left unused); larger ones get a buffer of their own. */
const JOIN_SLAB_MAX_FRAME_BYTES = JOIN_SLAB_BYTES / 4;

/**
 * Largest headers section whose parse is remembered for the next frame, bytes. Our choice:
 * Lambda's stream frames carry three short string headers (about 70 bytes) that repeat on
 * every frame; comparing up to 1 KiB costs less than parsing it.
 */
const HEADER_CACHE_MAX_BYTES = 1024;

type Headers = EventStreamMessage['headers'];

/** True when `a` and `b` hold the same bytes. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** True when every header value is a primitive (nothing a consumer could mutate or that views the frame). */
function primitiveValued(headers: Headers): boolean {
  for (const name of Object.keys(headers)) if (typeof headers[name]!.value === 'object') return false;
  return true;
}

/** A fresh copy of primitive-valued headers: new objects, the same names, types and values. */
function copyHeaders(headers: Headers): Headers {
  const out: Headers = {};
  for (const name of Object.keys(headers)) {
    const header = headers[name]!;
    out[name] = { type: header.type, value: header.value } as Headers[string];
  }
  return out;
}

/** The big-endian unsigned 32-bit integer at `at`. */
function uint32At(bytes: Uint8Array, at: number): number {
  return ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
}

/**
 * Incremental `application/vnd.amazon.eventstream` decoder.
 *
 * Feed it chunks of any size with `push`; it returns the whole messages those bytes
 * complete, joining frames split across chunks and splitting chunks that hold several.
 * Lengths are checked against the limits and the prelude CRC is verified before any
 * buffer is allocated for a frame, so garbage fails fast and never allocates more than
 * the limit. A frame inside one chunk is decoded in place (its body is a view of the
 * chunk); a frame split across chunks is copied, as its parts arrive, into a buffer that
 * only ever exposes bytes it was given (small frames share zero-filled slabs). Headers are
 * parsed with smithy's `HeaderMarshaller` (a headers section identical to the previous
 * frame's, with only primitive values, reuses that parse as fresh objects), the CRCs with
 * zlib's native CRC32 (every frame's CRCs are checked). Call `end()`
 * when the byte stream ends: leftover bytes are a truncated frame.
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
  /** The prelude of a split frame, while fewer than its 12 bytes have arrived. */
  readonly #prelude = new Uint8Array(EVENT_STREAM_PRELUDE_BYTES);
  /** Where a split frame is joined, once its prelude has been checked. */
  #frame: Uint8Array | undefined;
  /** Bytes of the split frame received so far (0: none pending). */
  #filled = 0;
  /** Total length of the split frame, once its prelude has been checked. */
  #expected: number | undefined;
  #slab: Uint8Array | undefined;
  #slabUsed = 0;
  /** The last primitive-valued headers section parsed (a copy of its bytes) and its parse. */
  #cached: { readonly bytes: Uint8Array; readonly headers: Headers } | undefined;
  #failed: Error | undefined;

  constructor(limits: EventStreamDecoderLimits = {}) {
    this.#maxMessageBytes = limits.maxMessageBytes ?? EVENT_STREAM_MAX_MESSAGE_BYTES;
    this.#maxHeadersBytes = limits.maxHeadersBytes ?? EVENT_STREAM_MAX_HEADERS_BYTES;
  }

  /** Bytes held that do not yet make a whole message. */
  get bufferedBytes(): number {
    return this.#filled;
  }

  /** Adds bytes; returns the messages they complete, in order. */
  push(chunk: Uint8Array): EventStreamMessage[] {
    if (this.#failed) throw this.#failed;
    const out: EventStreamMessage[] = [];
    const length = chunk.byteLength;
    try {
      let at = 0;
      if (this.#filled > 0) {
        at = this.#join(chunk, 0, out);
        if (this.#filled > 0) return out;
      }
      while (length - at >= EVENT_STREAM_PRELUDE_BYTES) {
        const total = this.#checkPrelude(chunk, at);
        if (length - at < total) break;
        out.push(this.#decode(chunk.subarray(at, at + total)));
        at += total;
      }
      if (at < length) this.#join(chunk, at, out);
    } catch (error) {
      this.#failed = error as Error;
      this.#frame = undefined;
      this.#filled = 0;
      throw error;
    }
    return out;
  }

  /** Declares the end of the byte stream; throws `TruncatedFrameError` if a frame is incomplete. */
  end(): void {
    if (this.#failed) throw this.#failed;
    if (this.#filled > 0) {
      this.#failed = new TruncatedFrameError(this.#filled, this.#expected);
      this.#frame = undefined;
      throw this.#failed;
    }
  }

  /**
   * Copies bytes of `chunk` from `at` into the split frame (starting one if none is
   * pending); pushes the frame to `out` when it is whole. Returns where it stopped.
   */
  #join(chunk: Uint8Array, at: number, out: EventStreamMessage[]): number {
    if (this.#expected === undefined) {
      const n = Math.min(EVENT_STREAM_PRELUDE_BYTES - this.#filled, chunk.byteLength - at);
      this.#prelude.set(chunk.subarray(at, at + n), this.#filled);
      this.#filled += n;
      at += n;
      if (this.#filled < EVENT_STREAM_PRELUDE_BYTES) return at;
      this.#expected = this.#checkPrelude(this.#prelude, 0);
      this.#frame = this.#allocate(this.#expected);
      this.#frame.set(this.#prelude);
    }
    const frame = this.#frame!;
    const n = Math.min(this.#expected - this.#filled, chunk.byteLength - at);
    frame.set(chunk.subarray(at, at + n), this.#filled);
    this.#filled += n;
    at += n;
    if (this.#filled === this.#expected) {
      this.#frame = undefined;
      this.#expected = undefined;
      this.#filled = 0;
      out.push(this.#decode(frame));
    }
    return at;
  }

  /** A buffer for a split frame of `n` bytes: a slice of the current slab, or its own for large frames. */
  #allocate(n: number): Uint8Array {
    // Filled whole before anything sees it, so uninitialised memory never escapes.
    if (n > JOIN_SLAB_MAX_FRAME_BYTES) return Buffer.allocUnsafe(n);
    if (!this.#slab || this.#slabUsed + n > JOIN_SLAB_BYTES) {
      this.#slab = Buffer.alloc(JOIN_SLAB_BYTES);
      this.#slabUsed = 0;
    }
    const out = this.#slab.subarray(this.#slabUsed, this.#slabUsed + n);
    this.#slabUsed += n;
    return out;
  }

  /** Checks the prelude at `at` (its CRC, then the lengths against the limits); returns the frame's total length. */
  #checkPrelude(bytes: Uint8Array, at: number): number {
    const total = uint32At(bytes, at);
    const headers = uint32At(bytes, at + 4);
    const declared = uint32At(bytes, at + 8);
    const actual = crc32(bytes.subarray(at, at + 8));
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

  /** Decodes one whole frame whose prelude has been checked: message CRC, headers, body. */
  #decode(frame: Uint8Array): EventStreamMessage {
    const total = frame.byteLength;
    const declared = uint32At(frame, total - 4);
    const actual = crc32(frame.subarray(0, total - 4));
    if (declared !== actual) throw new FrameChecksumError('message', declared, actual);
    const headersLength = uint32At(frame, 4);
    const bodyStart = EVENT_STREAM_PRELUDE_BYTES + headersLength;
    const headerBytes = frame.subarray(EVENT_STREAM_PRELUDE_BYTES, bodyStart);
    const headers =
      this.#cached && sameBytes(headerBytes, this.#cached.bytes) ? copyHeaders(this.#cached.headers) : this.#parseHeaders(headerBytes);
    return { headers, body: frame.subarray(bodyStart, total - 4) };
  }

  /** Parses a headers section with smithy's `HeaderMarshaller`; remembers small primitive-valued ones. */
  #parseHeaders(bytes: Uint8Array): Headers {
    let headers: Headers;
    try {
      headers = this.#headers.parse(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    } catch (cause) {
      throw new FrameDecodeError(`event-stream headers could not be decoded: ${(cause as Error).message}`, { cause });
    }
    // A header named `__proto__` replaces the parsed object's prototype instead of adding a key.
    if (Object.getPrototypeOf(headers) !== Object.prototype) {
      throw new FrameDecodeError('event-stream header name "__proto__" is not allowed');
    }
    if (bytes.byteLength <= HEADER_CACHE_MAX_BYTES && primitiveValued(headers)) {
      this.#cached = { bytes: Uint8Array.from(bytes), headers: copyHeaders(headers) };
    }
    return headers;
  }
}
