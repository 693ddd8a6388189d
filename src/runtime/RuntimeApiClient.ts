import { RuntimeApiError } from '../errors.js';
import { LAMBDA_ERROR_CONTENT_TYPE, lambdaErrorTypeHeader, toLambdaError } from '../wire/lambdaError.js';
import { RUNTIME_API_HEADERS, RUNTIME_API_PATHS } from '../wire/runtimeApiVocabulary.js';
import type { ApiResponse } from './ResponseParser.js';
import { RuntimeApiConnection, SOCKET_HIGH_WATER_MARK_BYTES, type ConnectionOwner, type Exchange } from './RuntimeApiConnection.js';

export type { ApiResponse } from './ResponseParser.js';

/** Path prefix of per-invocation Runtime API calls. */
export const INVOCATION_PATH = RUNTIME_API_PATHS.invocation;

/**
 * Times a `GET` (`/next`) is sent when its connection fails before any byte of the answer
 * arrived: once, then once more on a fresh connection (a kept-alive connection the server
 * closed meanwhile is the usual cause). Other requests are never resent: their failure is
 * reported. Source: the client's own policy; the runtime loop backs off beyond it.
 */
export const GET_ATTEMPTS_PER_REQUEST = 2;

const CRLF = Buffer.from('\r\n');

/** HTTP header (or trailer) lines, each ending in CRLF. */
function fieldLines(fields: Readonly<Record<string, string>>): string {
  let lines = '';
  for (const [name, value] of Object.entries(fields)) lines += `${name}: ${value}\r\n`;
  return lines;
}

/**
 * A streamed (`Transfer-Encoding: chunked`) request body on its own connection.
 * `write` queues bytes; everything written in the same tick goes out as one HTTP chunk
 * at the end of that tick (or at once when a socket buffer's worth is queued), so a
 * source that produces many small values at once costs one chunk and one system call,
 * and no write waits for more data to arrive. `end` writes the last chunk with optional
 * trailers and resolves with the Runtime API's answer. Once the Runtime API has answered
 * (early, e.g. 413) or the connection is gone, further writes are dropped: the body stops
 * cleanly and its connection is never used again.
 */
export class ChunkedRequest {
  readonly #connection: RuntimeApiConnection;
  readonly #exchange: Exchange;
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
  constructor(connection: RuntimeApiConnection, exchange: Exchange, head: string) {
    this.#connection = connection;
    this.#exchange = exchange;
    this.#head = head;
    this.response = exchange.answer;
  }

  /** Bytes written but not yet taken by the kernel. */
  get queuedBytes(): number {
    return this.#connection.socket.writableLength + this.#queuedSize;
  }

  /** `undefined` when the socket can take more now, else a promise for its `drain`. */
  ready(): Promise<void> | undefined {
    const socket = this.#connection.socket;
    if (this.#stopped()) return undefined;
    // A socket buffer's worth waiting in this tick goes out now, so `drain` tells when it has left.
    if (this.#queuedSize > 0 && this.queuedBytes >= socket.writableHighWaterMark) this.#flush();
    if (!socket.writableNeedDrain) return undefined;
    this.#drain ??= new Promise<void>((resolve) => {
      const done = (): void => {
        socket.off('drain', done);
        socket.off('close', done);
        this.#drain = undefined;
        resolve();
      };
      socket.on('drain', done);
      socket.on('close', done);
    });
    return this.#drain;
  }

  /** Queues the given bytes for this tick's HTTP chunk (the request head goes out with the first write, even of zero bytes). */
  write(chunks: readonly Uint8Array[]): void {
    if (this.#ended || this.#stopped()) return;
    for (const chunk of chunks) {
      if (chunk.byteLength > 0) {
        this.#queued.push(chunk);
        this.#queuedSize += chunk.byteLength;
      }
    }
    if (this.#queuedSize === 0 && this.#head === undefined) return;
    if (this.#queuedSize >= this.#connection.socket.writableHighWaterMark) {
      this.#flush();
    } else if (!this.#flushScheduled) {
      this.#flushScheduled = true;
      process.nextTick(this.#flushAtTickEnd);
    }
  }

  /**
   * Ends the body, with `Lambda-Runtime-Function-Error-*` trailers when given. `onQueued`
   * is called once the last byte is given to the socket, before the socket sends it (see
   * `RuntimeApiClient.request`); never when the body had stopped (answered early, or its
   * connection gone).
   */
  end(trailers?: Readonly<Record<string, string>>, onQueued?: () => void): Promise<ApiResponse> {
    if (!this.#ended) {
      this.#ended = true;
      if (!this.#stopped()) {
        const socket = this.#connection.socket;
        socket.cork();
        this.#flush();
        socket.write(`0\r\n${fieldLines(trailers ?? {})}\r\n`, 'latin1', () => this.#exchange.written());
        this.#exchange.queued();
        onQueued?.();
        socket.uncork();
      }
    }
    return this.response;
  }

  /** The Runtime API answered already or the connection is gone: nothing more is written. */
  #stopped(): boolean {
    if (!this.#exchange.answered && !this.#connection.socket.destroyed) return false;
    this.#queued = [];
    this.#queuedSize = 0;
    return true;
  }

  /** Writes the head (once) and what is queued as one HTTP chunk. */
  #flush(): void {
    if (this.#stopped()) return;
    const socket = this.#connection.socket;
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

/** How a `RuntimeApiClient` uses its connections. */
export interface RuntimeApiClientOptions {
  /**
   * Write a `GET` (`/next`) behind a `POST` (`/response`, `/error`) that is completely
   * given to its socket and still waits for its answer, on the same connection (HTTP/1.1
   * pipelining): both leave in one system call, and the Runtime API's answer to the `POST`
   * and the next event can arrive in one read. Only on a connection the server has kept open
   * after an answer before, and never again once the server answers `Connection: close`.
   * Default `false`: a `GET` then waits for an idle connection or opens one, and the
   * Runtime API sees exactly what it sees without pipelining.
   */
  readonly pipelining?: boolean;
  /** Socket write buffer, bytes; also the largest HTTP chunk of a streamed body. Default `SOCKET_HIGH_WATER_MARK_BYTES` (1 MiB). */
  readonly writeBufferBytes?: number;
}

/**
 * A minimal HTTP/1.1 client for the Lambda Runtime API, with no timeouts (the sandbox may
 * be frozen between invocations). Each request goes on a connection of its own (a kept-alive
 * one when it is idle; with `pipelining`, a `GET` may go behind a written `POST`): its answer
 * is read from that connection only, in order, and only that connection failing can fail
 * it. A `GET` (`/next`) whose connection fails before any byte of its answer is sent once
 * more on a fresh connection; any other failed request is reported (rejects with
 * `RuntimeApiError`). The client writes its own chunked framing, so a streamed response can
 * end with error trailers (which Node's fetch/undici cannot send) and every byte reaches
 * the socket the moment it is written.
 *
 * @example
 * ```ts
 * const client = new RuntimeApiClient(process.env.AWS_LAMBDA_RUNTIME_API!, { pipelining: true });
 * const next = await client.request('GET', '/2018-06-01/runtime/invocation/next');
 * ```
 */
export class RuntimeApiClient {
  readonly #host: string;
  readonly #port: number;
  /** Pipelining asked for and not yet given up (a server that closes connections gets none). */
  #pipelining: boolean;
  readonly #writeBufferBytes: number;
  /** The kept-alive connection waiting for the next request, if any. */
  #idle: RuntimeApiConnection | undefined;
  /** Every connection not yet closed, for `close()`. */
  readonly #open = new Set<RuntimeApiConnection>();
  /** The connection the last `POST` went on: the one a pipelined `GET` may follow. */
  #lastPost: RuntimeApiConnection | undefined;
  /** Counts `close()` calls: a request that saw one is not retried. */
  #closes = 0;
  readonly #owner: ConnectionOwner = {
    idle: (connection) => {
      if (this.#idle === undefined && this.#open.has(connection)) this.#idle = connection;
      else connection.destroy();
    },
    gone: (connection) => {
      this.#open.delete(connection);
      if (this.#idle === connection) this.#idle = undefined;
    },
    keepAliveRefused: () => {
      this.#pipelining = false;
    },
  };

  constructor(address: string, options: RuntimeApiClientOptions = {}) {
    this.#pipelining = options.pipelining ?? false;
    this.#writeBufferBytes = options.writeBufferBytes ?? SOCKET_HIGH_WATER_MARK_BYTES;
    const colon = address.lastIndexOf(':');
    this.#host = colon > 0 ? address.slice(0, colon).replace(/^\[|\]$/g, '') : address;
    this.#port = colon > 0 ? Number(address.slice(colon + 1)) : 80;
    if (!this.#host || !Number.isInteger(this.#port)) {
      throw new RuntimeApiError(`AWS_LAMBDA_RUNTIME_API is not host:port: ${JSON.stringify(address)}`, undefined);
    }
  }

  /**
   * Sends one request with an optional body (`Content-Length`) and resolves with the answer.
   * `onWritten` is called once the request has been handed to the kernel. `onQueued` is
   * called as soon as the whole request is given to the socket, before the socket sends
   * it: a `GET` requested then on a pipelining client goes out in the same system call.
   */
  async request(
    method: string,
    path: string,
    headers: Readonly<Record<string, string>> = {},
    body?: Uint8Array,
    onWritten?: () => void,
    onQueued?: () => void,
  ): Promise<ApiResponse> {
    let head = this.#requestHead(method, path, headers);
    if (body !== undefined || method !== 'GET') head += `Content-Length: ${body?.byteLength ?? 0}\r\n`;
    head += '\r\n';
    const hasBody = body !== undefined && body.byteLength > 0;
    const closes = this.#closes;
    for (let attempt = 1; ; attempt++) {
      const behind = method === 'GET' && this.#pipelining ? this.#pipelinable() : undefined;
      const connection = behind ?? this.#connection();
      const exchange = behind ? behind.expectBehind() : connection.expect();
      if (method !== 'GET') this.#lastPost = connection;
      const written = (): void => {
        exchange.written();
        onWritten?.();
      };
      const socket = connection.socket;
      socket.cork();
      socket.write(head, 'latin1', hasBody ? undefined : written);
      if (hasBody) socket.write(body, written);
      exchange.queued();
      onQueued?.();
      socket.uncork();
      try {
        return await exchange.answer;
      } catch (error) {
        const retry = method === 'GET' && attempt < GET_ATTEMPTS_PER_REQUEST && !exchange.started && closes === this.#closes;
        if (!retry) throw error;
      }
    }
  }

  /** Posts `error` as Lambda's error body and error-type header to `path` (`/runtime/init/error` or an invocation's `/error`). */
  postError(path: string, error: unknown, headers: Readonly<Record<string, string>> = {}, onQueued?: () => void): Promise<ApiResponse> {
    const body = Buffer.from(JSON.stringify(toLambdaError(error)));
    const errorHeaders = { 'Content-Type': LAMBDA_ERROR_CONTENT_TYPE, [RUNTIME_API_HEADERS.errorType]: lambdaErrorTypeHeader(error), ...headers };
    return this.request('POST', path, errorHeaders, body, undefined, onQueued);
  }

  /** Starts a chunked POST whose body is written with the returned `ChunkedRequest`. */
  stream(path: string, headers: Readonly<Record<string, string>>): ChunkedRequest {
    const connection = this.#connection();
    const exchange = connection.expect();
    this.#lastPost = connection;
    // A rejected stream is handled through `end()`/`response`; never leave it unhandled.
    exchange.answer.catch(() => undefined);
    const head = `${this.#requestHead('POST', path, headers)}Transfer-Encoding: chunked\r\n\r\n`;
    return new ChunkedRequest(connection, exchange, head);
  }

  /** Closes every connection; requests in flight fail. */
  close(): void {
    this.#closes++;
    this.#idle = undefined;
    this.#lastPost = undefined;
    for (const connection of this.#open) connection.destroy();
    this.#open.clear();
  }

  /** The request line, `Host` and the given headers; the caller adds the framing header and the blank line. */
  #requestHead(method: string, path: string, headers: Readonly<Record<string, string>>): string {
    return `${method} ${path} HTTP/1.1\r\nHost: ${this.#host}:${this.#port}\r\n${fieldLines(headers)}`;
  }

  /** The connection of the last `POST`, when a `GET` may be written behind it now. */
  #pipelinable(): RuntimeApiConnection | undefined {
    const connection = this.#lastPost;
    return connection !== undefined && this.#open.has(connection) && connection.pipelinable ? connection : undefined;
  }

  /** The idle kept-alive connection, or a new one. */
  #connection(): RuntimeApiConnection {
    const idle = this.#idle;
    this.#idle = undefined;
    if (idle?.reusable) return idle;
    const connection = new RuntimeApiConnection(this.#host, this.#port, this.#owner, this.#writeBufferBytes);
    this.#open.add(connection);
    return connection;
  }
}
