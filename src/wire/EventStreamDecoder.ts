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
import { crc32Of } from './crc32Of.js';

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

/** The body of a message from its pieces: the one piece as is, several joined into one new buffer. */
function joinParts(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  if (parts.length === 0) return new Uint8Array(0);
  let length = 0;
  for (const part of parts) length += part.byteLength;
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}

/** The big-endian unsigned 32-bit integer at `at`. */
function uint32At(bytes: Uint8Array, at: number): number {
  return ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
}

/**
 * A decoded event-stream message whose body is given as the pieces it arrived in: views of
 * the chunks pushed, in order, never copied (one piece for a frame inside one chunk; empty
 * for an empty body). Concatenated, the pieces are the body.
 */
export interface EventStreamMessageParts {
  readonly headers: Headers;
  readonly bodyParts: readonly Uint8Array[];
}

/**
 * Incremental `application/vnd.amazon.eventstream` decoder.
 *
 * Feed it chunks of any size with `push`; it returns the whole messages those bytes
 * complete, joining frames split across chunks and splitting chunks that hold several.
 * Lengths are checked against the limits and the prelude CRC is verified before any
 * buffer is allocated for a frame, so garbage fails fast and never allocates more than
 * the limit. A frame inside one chunk is decoded in place (its body is a view of the
 * chunk). Of a frame split across chunks only the prelude and headers are copied; its body
 * stays as views of the chunks it arrived in, and the message CRC is computed
 * incrementally as they arrive. `pushParts` hands those views over as they are (no copy);
 * `push` joins a split body into one buffer. Every frame's prelude and message CRCs are
 * checked before its message is returned (CRC32 from `crc32Of`). Headers are parsed with
 * smithy's `HeaderMarshaller` (a headers section identical to the previous frame's, with
 * only primitive values, reuses that parse as fresh objects). Call `end()` when the byte
 * stream ends: leftover bytes are a truncated frame.
 *
 * The chunks pushed must not be modified afterwards (bodies are views of them).
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
  /** The message CRC of a split frame, as its last 4 bytes arrive. */
  readonly #trailer = new Uint8Array(4);
  /** Prelude and headers of a split frame (copied), once its prelude has been checked. */
  #head: Uint8Array | undefined;
  /** Body pieces of a split frame: views of the chunks they arrived in. */
  #parts: Uint8Array[] = [];
  /** CRC32 of the split frame's bytes so far (up to the message CRC). */
  #crc = 0;
  /** Bytes of the split frame received so far (0: none pending). */
  #filled = 0;
  /** Total length of the split frame, once its prelude has been checked. */
  #expected: number | undefined;
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

  /** Adds bytes; returns the messages they complete, in order, each body in one buffer. */
  push(chunk: Uint8Array): EventStreamMessage[] {
    return this.pushParts(chunk).map(({ headers, bodyParts }) => ({ headers, body: joinParts(bodyParts) }));
  }

  /** Adds bytes; returns the messages they complete, in order, each body as the views it arrived in. */
  pushParts(chunk: Uint8Array): EventStreamMessageParts[] {
    if (this.#failed) throw this.#failed;
    const out: EventStreamMessageParts[] = [];
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
      this.#reset();
      throw error;
    }
    return out;
  }

  /** Declares the end of the byte stream; throws `TruncatedFrameError` if a frame is incomplete. */
  end(): void {
    if (this.#failed) throw this.#failed;
    if (this.#filled > 0) {
      this.#failed = new TruncatedFrameError(this.#filled, this.#expected);
      this.#reset();
      throw this.#failed;
    }
  }

  /** Forgets the split frame. */
  #reset(): void {
    this.#head = undefined;
    this.#parts = [];
    this.#filled = 0;
    this.#expected = undefined;
  }

  /**
   * Takes bytes of `chunk` from `at` into the split frame (starting one if none is
   * pending): prelude and headers are copied, body bytes kept as a view, the CRC advanced.
   * Pushes the message to `out` when the frame is whole. Returns where it stopped.
   */
  #join(chunk: Uint8Array, at: number, out: EventStreamMessageParts[]): number {
    const length = chunk.byteLength;
    if (this.#expected === undefined) {
      const n = Math.min(EVENT_STREAM_PRELUDE_BYTES - this.#filled, length - at);
      this.#prelude.set(chunk.subarray(at, at + n), this.#filled);
      this.#filled += n;
      at += n;
      if (this.#filled < EVENT_STREAM_PRELUDE_BYTES) return at;
      this.#expected = this.#checkPrelude(this.#prelude, 0);
      this.#head = new Uint8Array(EVENT_STREAM_PRELUDE_BYTES + uint32At(this.#prelude, 4));
      this.#head.set(this.#prelude);
      if (this.#head.byteLength === EVENT_STREAM_PRELUDE_BYTES) this.#crc = crc32Of(this.#head);
    }
    const head = this.#head!;
    const total = this.#expected;
    const bodyEnd = total - 4;
    if (this.#filled < head.byteLength && at < length) {
      const n = Math.min(head.byteLength - this.#filled, length - at);
      head.set(chunk.subarray(at, at + n), this.#filled);
      this.#filled += n;
      at += n;
      if (this.#filled === head.byteLength) this.#crc = crc32Of(head);
    }
    if (this.#filled >= head.byteLength && this.#filled < bodyEnd && at < length) {
      const n = Math.min(bodyEnd - this.#filled, length - at);
      const piece = chunk.subarray(at, at + n);
      this.#parts.push(piece);
      this.#crc = crc32Of(piece, this.#crc);
      this.#filled += n;
      at += n;
    }
    if (this.#filled >= bodyEnd && at < length) {
      const n = Math.min(total - this.#filled, length - at);
      this.#trailer.set(chunk.subarray(at, at + n), this.#filled - bodyEnd);
      this.#filled += n;
      at += n;
    }
    if (this.#filled === total) {
      this.#checkMessageCrc(uint32At(this.#trailer, 0), this.#crc);
      const parts = this.#parts;
      this.#reset();
      out.push({ headers: this.#headersOf(head.subarray(EVENT_STREAM_PRELUDE_BYTES)), bodyParts: parts });
    }
    return at;
  }

  /** Checks the prelude at `at` (its CRC, then the lengths against the limits); returns the frame's total length. */
  #checkPrelude(bytes: Uint8Array, at: number): number {
    const total = uint32At(bytes, at);
    const headers = uint32At(bytes, at + 4);
    const declared = uint32At(bytes, at + 8);
    const actual = crc32Of(bytes.subarray(at, at + 8));
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

  /** Throws `FrameChecksumError` when a frame's declared message CRC is not the one computed. */
  #checkMessageCrc(declared: number, actual: number): void {
    if (declared !== actual) throw new FrameChecksumError('message', declared, actual);
  }

  /** Decodes one whole frame whose prelude has been checked: message CRC, headers, body. */
  #decode(frame: Uint8Array): EventStreamMessageParts {
    const total = frame.byteLength;
    this.#checkMessageCrc(uint32At(frame, total - 4), crc32Of(frame.subarray(0, total - 4)));
    const bodyStart = EVENT_STREAM_PRELUDE_BYTES + uint32At(frame, 4);
    const headers = this.#headersOf(frame.subarray(EVENT_STREAM_PRELUDE_BYTES, bodyStart));
    return { headers, bodyParts: bodyStart === total - 4 ? [] : [frame.subarray(bodyStart, total - 4)] };
  }

  /** The headers of a headers section: the remembered parse when it is the same bytes, else a new parse. */
  #headersOf(bytes: Uint8Array): Headers {
    return this.#cached && sameBytes(bytes, this.#cached.bytes) ? copyHeaders(this.#cached.headers) : this.#parseHeaders(bytes);
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
