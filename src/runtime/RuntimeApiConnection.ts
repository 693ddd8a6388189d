import { connect, type Socket } from 'node:net';
import { RuntimeApiError } from '../errors.js';
import { ResponseParser, type ApiResponse } from './ResponseParser.js';

/**
 * Size of the socket's write buffer before `write()` asks to wait for `drain`, bytes
 * (1 MiB), unless the client is given a smaller one. It also caps one HTTP chunk of a
 * streamed body: larger writes mean fewer system calls here and less per-chunk work in the
 * Runtime API (measured on loopback: 64 KiB → 256 KiB cut the receiver's CPU per byte by
 * about a fifth, and 1 MiB chunks halved the runtime's CPU per MiB against 16 KiB ones).
 * The runtime loop bounds it by half its `highWaterMark`, so a pull source never reads
 * ahead of the socket far enough to overflow it.
 */
export const SOCKET_HIGH_WATER_MARK_BYTES = 1024 * 1024;

/**
 * One request on a connection and the answer it waits for. Requests on one connection are
 * answered in the order they were written (HTTP/1.1), so an answer is matched to its own
 * request, never to another's.
 */
export interface Exchange {
  /** Settles with this request's answer; rejects when the connection fails first. */
  readonly answer: Promise<ApiResponse>;
  /** True once any byte of this request's answer has arrived (then sending it again is unsafe). */
  readonly started: boolean;
  /** True once this request's whole answer has arrived; a body still being written must stop. */
  readonly answered: boolean;
  /** The request's last byte has been given to the socket (it may still be in the socket's buffer). */
  queued(): void;
  /** The request's last byte has been handed to the kernel. */
  written(): void;
}

/** An `Exchange` with the means to settle it. */
class PendingExchange implements Exchange {
  readonly answer: Promise<ApiResponse>;
  started = false;
  answered = false;
  isQueued = false;
  isWritten = false;
  resolve!: (response: ApiResponse) => void;
  reject!: (error: Error) => void;

  constructor() {
    this.answer = new Promise<ApiResponse>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }

  queued(): void {
    this.isQueued = true;
  }

  written(): void {
    this.isQueued = true;
    this.isWritten = true;
  }
}

/** What a connection tells its client. */
export interface ConnectionOwner {
  /** The exchange ended with the connection fit for another request. */
  idle(connection: RuntimeApiConnection): void;
  /** The connection closed (whether or not it was idle). */
  gone(connection: RuntimeApiConnection): void;
  /** The server answered `Connection: close`: it does not keep connections. */
  keepAliveRefused(): void;
}

/**
 * One TCP connection to the Runtime API. It carries one request at a time, or, when the
 * client pipelines, one more request written behind a request that is completely written
 * and still waits for its answer. Answers are read in order, each for its own request, and
 * only a failure of this connection can fail them. After an answer the connection is
 * handed back for reuse unless the server said `Connection: close`, the request was not
 * completely written (an early answer: the socket still held some of it), or any byte arrived that no request asked for;
 * then a request still queued behind fails before any byte of its answer, so the client
 * may send it again.
 *
 * @example
 * ```ts
 * const connection = new RuntimeApiConnection('127.0.0.1', 9001, owner);
 * const exchange = connection.expect();
 * connection.socket.write('GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: x\r\n\r\n', () => exchange.written());
 * const answer = await exchange.answer;
 * ```
 */
export class RuntimeApiConnection {
  readonly socket: Socket;
  readonly #parser = new ResponseParser();
  readonly #owner: ConnectionOwner;
  /** Requests written (or being written) and not yet answered, oldest first. */
  readonly #queue: PendingExchange[] = [];
  #reusable = true;
  /** Answers after which the server kept the connection open. */
  #keptAlive = 0;

  constructor(host: string, port: number, owner: ConnectionOwner, writableHighWaterMark = SOCKET_HIGH_WATER_MARK_BYTES) {
    this.#owner = owner;
    // net.Socket passes stream options on to Duplex, so the write buffer bound applies.
    const options = { host, port, noDelay: true, keepAlive: true, writableHighWaterMark };
    this.socket = connect(options);
    this.socket.on('data', (data: Buffer) => this.#onData(data));
    this.socket.on('end', () => this.#onEnd());
    this.socket.on('error', (error) => this.#failAll(new RuntimeApiError(`Runtime API connection failed: ${error.message}`, undefined, { cause: error })));
    this.socket.on('close', () => {
      this.#reusable = false;
      this.#failAll(new RuntimeApiError('Runtime API connection closed before the answer', undefined));
      this.#owner.gone(this);
    });
  }

  /** Whether the connection can carry another request now (nothing in flight). */
  get reusable(): boolean {
    return this.#reusable && !this.socket.destroyed && this.#queue.length === 0;
  }

  /**
   * Whether a request may be written now behind the one in flight: the server has kept this
   * connection open after an answer before, and the request in flight is completely given to
   * the socket, unanswered, with nothing else waiting.
   */
  get pipelinable(): boolean {
    const [head, ...rest] = this.#queue;
    return this.#keptAlive > 0 && this.#reusable && !this.socket.destroyed && head !== undefined && rest.length === 0 && head.isQueued && !head.answered;
  }

  /** Registers the request about to be written (on an idle connection). */
  expect(): Exchange {
    const exchange = new PendingExchange();
    if (this.#queue.length > 0) exchange.reject(new RuntimeApiError('a Runtime API request is already in flight on this connection', undefined));
    else this.#queue.push(exchange);
    return exchange;
  }

  /** Registers a request about to be written behind the one in flight (see `pipelinable`). */
  expectBehind(): Exchange {
    const exchange = new PendingExchange();
    if (!this.pipelinable) exchange.reject(new RuntimeApiError('no request to pipeline behind on this connection', undefined));
    else this.#queue.push(exchange);
    return exchange;
  }

  /** Closes the connection; requests in flight fail. */
  destroy(): void {
    this.#reusable = false;
    this.socket.destroy();
  }

  #onData(data: Buffer): void {
    if (this.#queue.length === 0) {
      // Bytes no request asked for: the connection's state is unknown, so it is not used again.
      this.destroy();
      return;
    }
    let responses: ApiResponse[];
    try {
      responses = this.#parser.push(data);
    } catch (error) {
      this.#failAll(error as Error);
      this.destroy();
      return;
    }
    for (const response of responses) {
      const exchange = this.#queue.shift();
      if (exchange === undefined) {
        // More answers than requests.
        this.destroy();
        return;
      }
      this.#answer(exchange, response);
      if (!this.#reusable) return;
    }
    if (this.#parser.started) {
      const head = this.#queue[0];
      if (head === undefined) this.destroy();
      else head.started = true;
    }
    if (this.reusable) this.#owner.idle(this);
  }

  #onEnd(): void {
    this.#reusable = false;
    // A close-delimited answer ends here; whatever else waits fails when the socket closes.
    const last = this.#parser.end();
    const exchange = last ? this.#queue.shift() : undefined;
    if (last && exchange) this.#answer(exchange, last);
  }

  /** Settles an exchange with its answer; a connection unfit for more is closed (failing what is queued behind). */
  #answer(exchange: PendingExchange, response: ApiResponse): void {
    exchange.started = true;
    exchange.answered = true;
    // Completely written: its write finished, or it was all given to the socket and the socket
    // holds nothing more (what a request pipelined behind it wrote has left too).
    const complete = exchange.isWritten || (exchange.isQueued && this.socket.writableLength === 0);
    const close = /close/i.test(response.headers.connection ?? '');
    if (close) this.#owner.keepAliveRefused();
    if (!complete || close) this.#reusable = false;
    else this.#keptAlive++;
    exchange.resolve(response);
    if (!this.#reusable) this.socket.destroy();
  }

  #failAll(error: Error): void {
    for (const exchange of this.#queue.splice(0)) exchange.reject(error);
  }
}
