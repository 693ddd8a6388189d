import { connect, type Socket } from 'node:net';
import { RuntimeApiError } from '../errors.js';
import { ResponseParser, type ApiResponse } from './ResponseParser.js';

/**
 * Size of the socket's write buffer before `write()` asks to wait for `drain`, bytes
 * (256 KiB). It also caps one HTTP chunk of a streamed body: larger writes mean fewer
 * system calls here and less per-chunk work in the Runtime API (measured on loopback,
 * 64 KiB → 256 KiB cut the receiver's CPU per byte by about a fifth), while what a pull
 * source has read ahead of the socket stays a fraction of the 1 MiB `bufferLimit`.
 */
const SOCKET_HIGH_WATER_MARK_BYTES = 256 * 1024;

/** The request in flight on a connection and the answer it waits for. */
interface Exchange {
  resolve(response: ApiResponse): void;
  reject(error: Error): void;
  /** The request's last byte was handed to the kernel. */
  written: boolean;
}

/** What a connection tells its client. */
export interface ConnectionOwner {
  /** The exchange ended with the connection fit for another request. */
  idle(connection: RuntimeApiConnection): void;
  /** The connection closed (whether or not it was idle). */
  gone(connection: RuntimeApiConnection): void;
}

/**
 * One TCP connection to the Runtime API carrying one request at a time. The answer it
 * reads belongs to the request written on it, and only a failure of this connection can
 * fail that request. After an answer the connection is handed back for reuse unless the
 * server said `Connection: close`, the request was not completely written (an early
 * answer), or any byte arrived that no request asked for.
 *
 * @example
 * ```ts
 * const connection = new RuntimeApiConnection('127.0.0.1', 9001, owner);
 * const answer = connection.expect();
 * connection.socket.write('GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: x\r\n\r\n', () => connection.written());
 * ```
 */
export class RuntimeApiConnection {
  readonly socket: Socket;
  readonly #parser = new ResponseParser();
  readonly #owner: ConnectionOwner;
  #exchange: Exchange | undefined;
  #answered = false;
  #reusable = true;

  constructor(host: string, port: number, owner: ConnectionOwner) {
    this.#owner = owner;
    // net.Socket passes stream options on to Duplex, so the write buffer bound applies.
    const options = { host, port, noDelay: true, keepAlive: true, writableHighWaterMark: SOCKET_HIGH_WATER_MARK_BYTES };
    this.socket = connect(options);
    this.socket.on('data', (data: Buffer) => this.#onData(data));
    this.socket.on('end', () => this.#onEnd());
    this.socket.on('error', (error) => this.#fail(new RuntimeApiError(`Runtime API connection failed: ${error.message}`, undefined, { cause: error })));
    this.socket.on('close', () => {
      this.#reusable = false;
      this.#fail(new RuntimeApiError('Runtime API connection closed before the answer', undefined));
      this.#owner.gone(this);
    });
  }

  /** True once any byte of the current request's answer has arrived (then retrying it is unsafe). */
  get answerStarted(): boolean {
    return this.#answered || this.#parser.started;
  }

  /** True once the current request's whole answer has arrived; a body still being written must stop. */
  get answered(): boolean {
    return this.#answered;
  }

  /** Whether the connection can carry another request. */
  get reusable(): boolean {
    return this.#reusable && !this.socket.destroyed;
  }

  /** Registers the request about to be written; resolves with its answer, rejects when this connection fails first. */
  expect(): Promise<ApiResponse> {
    if (this.#exchange) return Promise.reject(new RuntimeApiError('a Runtime API request is already in flight on this connection', undefined));
    this.#answered = false;
    return new Promise<ApiResponse>((resolve, reject) => {
      this.#exchange = { resolve, reject, written: false };
    });
  }

  /** The current request's last byte has been handed to the kernel. */
  written(): void {
    if (this.#exchange) this.#exchange.written = true;
  }

  /** Closes the connection; a request in flight fails. */
  destroy(): void {
    this.#reusable = false;
    this.socket.destroy();
  }

  #onData(data: Buffer): void {
    if (this.#exchange === undefined) {
      // Bytes no request asked for: the connection's state is unknown, so it is not used again.
      this.destroy();
      return;
    }
    let responses: ApiResponse[];
    try {
      responses = this.#parser.push(data);
    } catch (error) {
      this.#fail(error as Error);
      this.destroy();
      return;
    }
    if (responses.length > 0) this.#answer(responses[0]!, responses.length > 1 || this.#parser.started);
  }

  #onEnd(): void {
    const last = this.#parser.end();
    if (last && this.#exchange) this.#answer(last, false);
  }

  /** Settles the exchange with its answer and hands the connection back or closes it. */
  #answer(response: ApiResponse, extraBytes: boolean): void {
    const exchange = this.#exchange!;
    this.#exchange = undefined;
    this.#answered = true;
    if (extraBytes || !exchange.written || /close/i.test(response.headers.connection ?? '')) this.#reusable = false;
    exchange.resolve(response);
    if (this.reusable) this.#owner.idle(this);
    else this.socket.destroy();
  }

  #fail(error: Error): void {
    const exchange = this.#exchange;
    this.#exchange = undefined;
    exchange?.reject(error);
  }
}
