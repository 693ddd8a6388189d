import { connect, type Socket } from 'node:net';
import { RuntimeApiError } from '../errors.js';
import { LAMBDA_ERROR_CONTENT_TYPE, lambdaErrorTypeHeader, toLambdaError } from '../wire/lambdaError.js';

/** A Runtime API response: status, lower-cased headers and the whole body. */
export interface ApiResponse {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

/** Longest response head the client accepts from the Runtime API, bytes (64 KiB; Lambda's headers are a few hundred bytes). */
const MAX_RESPONSE_HEAD_BYTES = 64 * 1024;
/**
 * Size of the socket's write buffer before `write()` asks to wait for `drain`, bytes
 * (256 KiB). It also caps one HTTP chunk of a streamed body: larger writes mean fewer
 * system calls here and less per-chunk work in the Runtime API (measured on loopback,
 * 64 KiB → 256 KiB cut the receiver's CPU per byte by about a fifth), while what a pull
 * source has read ahead of the socket stays a fraction of the 1 MiB `bufferLimit`.
 */
const SOCKET_HIGH_WATER_MARK_BYTES = 256 * 1024;

/** Path prefix of per-invocation Runtime API calls. Source: Runtime API OpenAPI spec. */
export const INVOCATION_PATH = '/2018-06-01/runtime/invocation/';

const CRLF = Buffer.from('\r\n');
const HEAD_END = Buffer.from('\r\n\r\n');

type Pending = { resolve(response: ApiResponse): void; reject(error: Error): void };

/** HTTP header (or trailer) lines, each ending in CRLF. */
function fieldLines(fields: Readonly<Record<string, string>>): string {
  let lines = '';
  for (const [name, value] of Object.entries(fields)) lines += `${name}: ${value}\r\n`;
  return lines;
}

/** Incremental parser of HTTP/1.1 responses (Content-Length or chunked bodies) on one connection. */
class ResponseParser {
  #buffer: Buffer = Buffer.alloc(0);
  #head: { statusCode: number; headers: Record<string, string> } | undefined;
  #parts: Buffer[] = [];
  #remaining = 0;

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

  #step(): ApiResponse | undefined {
    if (this.#head === undefined) {
      const end = this.#buffer.indexOf(HEAD_END);
      if (end < 0) {
        if (this.#buffer.length > MAX_RESPONSE_HEAD_BYTES) throw new RuntimeApiError('Runtime API response head too large', undefined);
        return undefined;
      }
      const lines = this.#buffer.subarray(0, end).toString('latin1').split('\r\n');
      this.#buffer = this.#buffer.subarray(end + HEAD_END.length);
      const statusCode = Number(/^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? '')?.[1]);
      if (!Number.isInteger(statusCode)) throw new RuntimeApiError(`malformed Runtime API status line: ${lines[0]}`, undefined);
      const headers: Record<string, string> = {};
      for (const line of lines.slice(1)) {
        const colon = line.indexOf(':');
        if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      if (statusCode >= 100 && statusCode < 200) return this.#step();
      this.#head = { statusCode, headers };
      this.#parts = [];
      const chunked = /chunked/i.test(headers['transfer-encoding'] ?? '');
      this.#remaining = chunked ? -1 : Number(headers['content-length'] ?? 0);
    }
    return this.#remaining >= 0 ? this.#fixedBody() : this.#chunkedBody();
  }

  #finish(): ApiResponse {
    const head = this.#head!;
    this.#head = undefined;
    const body = this.#parts.length === 1 ? this.#parts[0]! : Buffer.concat(this.#parts);
    this.#parts = [];
    return { ...head, body };
  }

  #fixedBody(): ApiResponse | undefined {
    const take = Math.min(this.#remaining, this.#buffer.length);
    if (take > 0) {
      this.#parts.push(this.#buffer.subarray(0, take));
      this.#buffer = this.#buffer.subarray(take);
      this.#remaining -= take;
    }
    return this.#remaining === 0 ? this.#finish() : undefined;
  }

  #chunkedBody(): ApiResponse | undefined {
    for (;;) {
      const lineEnd = this.#buffer.indexOf(CRLF);
      if (lineEnd < 0) return undefined;
      const size = parseInt(this.#buffer.subarray(0, lineEnd).toString('latin1'), 16);
      if (!Number.isInteger(size) || size < 0) throw new RuntimeApiError('malformed chunked Runtime API response', undefined);
      if (size === 0) {
        // Skip trailers up to the empty line.
        const end = this.#buffer.indexOf(HEAD_END, lineEnd - 2 < 0 ? 0 : lineEnd - 2);
        if (end < 0) return undefined;
        this.#buffer = this.#buffer.subarray(end + HEAD_END.length);
        return this.#finish();
      }
      const start = lineEnd + CRLF.length;
      if (this.#buffer.length < start + size + CRLF.length) return undefined;
      this.#parts.push(this.#buffer.subarray(start, start + size));
      this.#buffer = this.#buffer.subarray(start + size + CRLF.length);
    }
  }
}

/**
 * A streamed (`Transfer-Encoding: chunked`) request body on the client's connection.
 * `write` queues bytes; everything written in the same tick goes out as one HTTP chunk
 * at the end of that tick (or at once when a socket buffer's worth is queued), so a
 * source that produces many small values at once costs one chunk and one system call,
 * and no write waits for more data to arrive. `end` writes the last chunk with optional
 * trailers and resolves with the Runtime API's answer.
 */
export class ChunkedRequest {
  readonly #socket: Socket;
  #head: string | undefined;
  #drain: Promise<void> | undefined;
  #ended = false;
  /** Written in this tick, not yet framed: one HTTP chunk at the end of the tick. */
  #queued: Uint8Array[] = [];
  #queuedSize = 0;
  #flushScheduled = false;
  readonly #flushAtTickEnd = (): void => {
    this.#flushScheduled = false;
    this.#flush();
  };
  /** Settles when the Runtime API answers (normally after `end`; earlier when it rejects the stream). */
  readonly response: Promise<ApiResponse>;

  /** @internal Made by `RuntimeApiClient.stream`. */
  constructor(socket: Socket, head: string, response: Promise<ApiResponse>) {
    this.#socket = socket;
    this.#head = head;
    this.response = response;
  }

  /** Bytes written but not yet taken by the kernel. */
  get queuedBytes(): number {
    return this.#socket.writableLength + this.#queuedSize;
  }

  /** `undefined` when the socket can take more now, else a promise for its `drain`. */
  ready(): Promise<void> | undefined {
    if (this.#socket.destroyed) return undefined;
    // A socket buffer's worth waiting in this tick goes out now, so `drain` tells when it has left.
    if (this.#queuedSize > 0 && this.queuedBytes >= this.#socket.writableHighWaterMark) this.#flush();
    if (!this.#socket.writableNeedDrain) return undefined;
    this.#drain ??= new Promise<void>((resolve) => {
      const done = (): void => {
        this.#socket.off('drain', done);
        this.#socket.off('close', done);
        this.#drain = undefined;
        resolve();
      };
      this.#socket.on('drain', done);
      this.#socket.on('close', done);
    });
    return this.#drain;
  }

  /** Queues the given bytes for this tick's HTTP chunk (the request head goes out with the first write, even of zero bytes). */
  write(chunks: readonly Uint8Array[]): void {
    if (this.#ended) return;
    for (const chunk of chunks) {
      if (chunk.byteLength > 0) {
        this.#queued.push(chunk);
        this.#queuedSize += chunk.byteLength;
      }
    }
    if (this.#queuedSize === 0 && this.#head === undefined) return;
    if (this.#queuedSize >= this.#socket.writableHighWaterMark) {
      this.#flush();
    } else if (!this.#flushScheduled) {
      this.#flushScheduled = true;
      process.nextTick(this.#flushAtTickEnd);
    }
  }

  /** Ends the body, with `Lambda-Runtime-Function-Error-*` trailers when given. */
  end(trailers?: Readonly<Record<string, string>>): Promise<ApiResponse> {
    if (!this.#ended) {
      this.#ended = true;
      this.#socket.cork();
      this.#flush();
      this.#socket.write(`0\r\n${fieldLines(trailers ?? {})}\r\n`, 'latin1');
      this.#socket.uncork();
    }
    return this.response;
  }

  /** Writes the head (once) and what is queued as one HTTP chunk. */
  #flush(): void {
    const socket = this.#socket;
    if (this.#head === undefined && this.#queuedSize === 0) return;
    socket.cork();
    if (this.#head !== undefined) {
      socket.write(this.#head, 'latin1');
      this.#head = undefined;
    }
    if (this.#queuedSize > 0) {
      socket.write(`${this.#queuedSize.toString(16)}\r\n`, 'latin1');
      for (const chunk of this.#queued) socket.write(chunk);
      socket.write(CRLF);
      this.#queued = [];
      this.#queuedSize = 0;
    }
    socket.uncork();
  }
}

/**
 * A minimal HTTP/1.1 client for the Lambda Runtime API: one keep-alive connection, one
 * request at a time, no timeouts (the sandbox may be frozen between invocations). It
 * writes its own chunked framing, so a streamed response can end with error trailers
 * (which Node's fetch/undici cannot send) and every byte reaches the socket the moment
 * it is written.
 *
 * @example
 * ```ts
 * const client = new RuntimeApiClient(process.env.AWS_LAMBDA_RUNTIME_API!);
 * const next = await client.request('GET', '/2018-06-01/runtime/invocation/next');
 * ```
 */
export class RuntimeApiClient {
  readonly #host: string;
  readonly #port: number;
  #socket: Socket | undefined;
  #pending: Pending | undefined;

  constructor(address: string) {
    const colon = address.lastIndexOf(':');
    this.#host = colon > 0 ? address.slice(0, colon).replace(/^\[|\]$/g, '') : address;
    this.#port = colon > 0 ? Number(address.slice(colon + 1)) : 80;
    if (!this.#host || !Number.isInteger(this.#port)) {
      throw new RuntimeApiError(`AWS_LAMBDA_RUNTIME_API is not host:port: ${JSON.stringify(address)}`, undefined);
    }
  }

  /**
   * Sends one request with an optional body (`Content-Length`) and resolves with the answer.
   * `onWritten` is called once the request has been handed to the kernel.
   */
  request(
    method: string,
    path: string,
    headers: Readonly<Record<string, string>> = {},
    body?: Uint8Array,
    onWritten?: () => void,
  ): Promise<ApiResponse> {
    const socket = this.#connection();
    const response = this.#expect();
    let head = this.#requestHead(method, path, headers);
    if (body !== undefined || method !== 'GET') head += `Content-Length: ${body?.byteLength ?? 0}\r\n`;
    head += '\r\n';
    const hasBody = body !== undefined && body.byteLength > 0;
    socket.cork();
    socket.write(head, 'latin1', hasBody ? undefined : onWritten);
    if (hasBody) socket.write(body, onWritten);
    socket.uncork();
    return response;
  }

  /** Posts `error` as Lambda's error body and error-type header to `path` (`/runtime/init/error` or an invocation's `/error`). */
  postError(path: string, error: unknown, headers: Readonly<Record<string, string>> = {}): Promise<ApiResponse> {
    const body = Buffer.from(JSON.stringify(toLambdaError(error)));
    const errorHeaders = { 'Content-Type': LAMBDA_ERROR_CONTENT_TYPE, 'Lambda-Runtime-Function-Error-Type': lambdaErrorTypeHeader(error), ...headers };
    return this.request('POST', path, errorHeaders, body);
  }

  /** Starts a chunked POST whose body is written with the returned `ChunkedRequest`. */
  stream(path: string, headers: Readonly<Record<string, string>>): ChunkedRequest {
    const socket = this.#connection();
    const response = this.#expect();
    // A rejected stream is handled through `end()`/`response`; never leave it unhandled.
    response.catch(() => undefined);
    const head = `${this.#requestHead('POST', path, headers)}Transfer-Encoding: chunked\r\n\r\n`;
    return new ChunkedRequest(socket, head, response);
  }

  /** Closes the connection. */
  close(): void {
    this.#socket?.destroy();
    this.#socket = undefined;
  }

  /** The request line, `Host` and the given headers; the caller adds the framing header and the blank line. */
  #requestHead(method: string, path: string, headers: Readonly<Record<string, string>>): string {
    return `${method} ${path} HTTP/1.1\r\nHost: ${this.#host}:${this.#port}\r\n${fieldLines(headers)}`;
  }

  #expect(): Promise<ApiResponse> {
    if (this.#pending) return Promise.reject(new RuntimeApiError('a Runtime API request is already in flight', undefined));
    return new Promise<ApiResponse>((resolve, reject) => {
      this.#pending = { resolve, reject };
    });
  }

  #connection(): Socket {
    if (this.#socket && !this.#socket.destroyed) return this.#socket;
    // net.Socket passes stream options on to Duplex, so the write buffer bound applies.
    const options = { host: this.#host, port: this.#port, noDelay: true, keepAlive: true, writableHighWaterMark: SOCKET_HIGH_WATER_MARK_BYTES };
    const socket = connect(options);
    const parser = new ResponseParser();
    const fail = (error: Error): void => {
      if (this.#socket === socket) this.#socket = undefined;
      const pending = this.#pending;
      this.#pending = undefined;
      pending?.reject(error);
    };
    socket.on('data', (data: Buffer) => {
      let responses: ApiResponse[];
      try {
        responses = parser.push(data);
      } catch (error) {
        socket.destroy();
        fail(error as Error);
        return;
      }
      for (const response of responses) {
        const pending = this.#pending;
        this.#pending = undefined;
        if (/close/i.test(response.headers.connection ?? '')) {
          if (this.#socket === socket) this.#socket = undefined;
          socket.end();
        }
        pending?.resolve(response);
      }
    });
    socket.on('error', (error) => fail(new RuntimeApiError(`Runtime API connection failed: ${error.message}`, undefined, { cause: error })));
    socket.on('close', () => fail(new RuntimeApiError('Runtime API connection closed', undefined)));
    this.#socket = socket;
    return socket;
  }
}
