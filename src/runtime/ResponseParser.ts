import { RuntimeApiError } from '../errors.js';

/** A Runtime API response: status, lower-cased headers and the whole body. */
export interface ApiResponse {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

/** Longest response head the client accepts from the Runtime API, bytes (64 KiB; Lambda's headers are a few hundred bytes). */
export const RUNTIME_API_MAX_RESPONSE_HEAD_BYTES = 64 * 1024;
/**
 * Largest response body the client accepts from the Runtime API, bytes (16 MiB). Source:
 * the client's own bound, well above the largest event `/next` can carry (a 6 MiB
 * synchronous invoke payload, Lambda quotas).
 */
export const RUNTIME_API_MAX_RESPONSE_BODY_BYTES = 16 * 1024 * 1024;

const CRLF = Buffer.from('\r\n');
const HEAD_END = Buffer.from('\r\n\r\n');

/** How the body of the response being read is framed. */
type BodyFraming =
  | { readonly kind: 'length'; remaining: number }
  | { readonly kind: 'chunked' }
  /** No length and not chunked: the body runs until the server closes the connection. */
  | { readonly kind: 'untilClose' };

/**
 * Incremental parser of HTTP/1.1 responses on one connection: `Content-Length`, chunked
 * (trailers skipped) and close-delimited bodies, in reads split or coalesced anyhow.
 * Malformed framing and over-size heads or bodies throw `RuntimeApiError`.
 *
 * @example
 * ```ts
 * const parser = new ResponseParser();
 * socket.on('data', (data) => parser.push(data).forEach(handle));
 * socket.on('end', () => { const last = parser.end(); if (last) handle(last); });
 * ```
 */
export class ResponseParser {
  #buffer: Buffer = Buffer.alloc(0);
  #head: { statusCode: number; headers: Record<string, string> } | undefined;
  #framing: BodyFraming | undefined;
  #parts: Buffer[] = [];
  #size = 0;

  /** True once any byte of a response not yet complete has arrived. */
  get started(): boolean {
    return this.#head !== undefined || this.#buffer.length > 0;
  }

  /** Feeds bytes; returns each response completed by them. */
  push(data: Buffer): ApiResponse[] {
    this.#buffer = this.#buffer.length === 0 ? data : Buffer.concat([this.#buffer, data]);
    const done: ApiResponse[] = [];
    for (;;) {
      const response = this.#step();
      if (response === undefined) return done;
      done.push(response);
    }
  }

  /** The connection ended: completes a close-delimited body, else `undefined` (the response, if any, was cut short). */
  end(): ApiResponse | undefined {
    if (this.#framing?.kind !== 'untilClose') return undefined;
    this.#take(this.#buffer.length);
    return this.#finish();
  }

  #step(): ApiResponse | undefined {
    if (this.#head === undefined) {
      const end = this.#buffer.indexOf(HEAD_END);
      if (end < 0) {
        if (this.#buffer.length > RUNTIME_API_MAX_RESPONSE_HEAD_BYTES) throw new RuntimeApiError('Runtime API response head too large', undefined);
        return undefined;
      }
      const lines = this.#buffer.subarray(0, end).toString('latin1').split('\r\n');
      this.#buffer = this.#buffer.subarray(end + HEAD_END.length);
      const statusCode = Number(/^HTTP\/1\.[01] (\d{3})(?: |$)/.exec(lines[0] ?? '')?.[1]);
      if (!Number.isInteger(statusCode)) throw new RuntimeApiError(`malformed Runtime API status line: ${JSON.stringify(lines[0]?.slice(0, 100))}`, undefined);
      const headers: Record<string, string> = {};
      for (const line of lines.slice(1)) {
        const colon = line.indexOf(':');
        if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      if (statusCode >= 100 && statusCode < 200) return this.#step();
      this.#head = { statusCode, headers };
      this.#parts = [];
      this.#size = 0;
      this.#framing = framingOf(statusCode, headers);
    }
    const framing = this.#framing!;
    if (framing.kind === 'chunked') return this.#chunkedBody();
    if (framing.kind === 'untilClose') {
      this.#take(this.#buffer.length);
      return undefined;
    }
    const take = Math.min(framing.remaining, this.#buffer.length);
    this.#take(take);
    framing.remaining -= take;
    return framing.remaining === 0 ? this.#finish() : undefined;
  }

  /** Moves `count` bytes from the buffer into the body, within the body bound. */
  #take(count: number): void {
    if (count === 0) return;
    this.#size += count;
    if (this.#size > RUNTIME_API_MAX_RESPONSE_BODY_BYTES) {
      throw new RuntimeApiError(`Runtime API response body over ${RUNTIME_API_MAX_RESPONSE_BODY_BYTES} bytes`, undefined);
    }
    this.#parts.push(this.#buffer.subarray(0, count));
    this.#buffer = this.#buffer.subarray(count);
  }

  #finish(): ApiResponse {
    const head = this.#head!;
    this.#head = undefined;
    this.#framing = undefined;
    const body = this.#parts.length === 1 ? this.#parts[0]! : Buffer.concat(this.#parts);
    this.#parts = [];
    return { ...head, body };
  }

  #chunkedBody(): ApiResponse | undefined {
    for (;;) {
      const lineEnd = this.#buffer.indexOf(CRLF);
      if (lineEnd < 0) {
        if (this.#buffer.length > RUNTIME_API_MAX_RESPONSE_HEAD_BYTES) throw new RuntimeApiError('malformed chunked Runtime API response', undefined);
        return undefined;
      }
      const sizeLine = /^([0-9a-fA-F]{1,8})(?:;.*)?$/.exec(this.#buffer.subarray(0, lineEnd).toString('latin1'));
      if (!sizeLine) throw new RuntimeApiError('malformed chunked Runtime API response', undefined);
      const size = parseInt(sizeLine[1]!, 16);
      if (size === 0) {
        // The last chunk: skip trailers up to the empty line.
        const end = this.#buffer.indexOf(HEAD_END, lineEnd - 2 < 0 ? 0 : lineEnd - 2);
        if (end < 0) return undefined;
        this.#buffer = this.#buffer.subarray(end + HEAD_END.length);
        return this.#finish();
      }
      const start = lineEnd + CRLF.length;
      if (this.#buffer.length < start + size + CRLF.length) return undefined;
      if (!this.#buffer.subarray(start + size, start + size + CRLF.length).equals(CRLF)) {
        throw new RuntimeApiError('malformed chunked Runtime API response: a chunk does not end in CRLF', undefined);
      }
      this.#buffer = this.#buffer.subarray(start);
      this.#take(size);
      this.#buffer = this.#buffer.subarray(CRLF.length);
    }
  }
}

function framingOf(statusCode: number, headers: Readonly<Record<string, string>>): BodyFraming {
  if (statusCode === 204 || statusCode === 304) return { kind: 'length', remaining: 0 };
  if (/chunked/i.test(headers['transfer-encoding'] ?? '')) return { kind: 'chunked' };
  const length = headers['content-length'];
  if (length === undefined) return { kind: 'untilClose' };
  if (!/^\d{1,15}$/.test(length)) throw new RuntimeApiError(`malformed Runtime API Content-Length: ${JSON.stringify(length.slice(0, 40))}`, undefined);
  const remaining = Number(length);
  if (remaining > RUNTIME_API_MAX_RESPONSE_BODY_BYTES) {
    throw new RuntimeApiError(`Runtime API response body over ${RUNTIME_API_MAX_RESPONSE_BODY_BYTES} bytes`, undefined);
  }
  return { kind: 'length', remaining };
}
