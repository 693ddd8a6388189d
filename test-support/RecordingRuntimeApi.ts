import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import { Duplex } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { withDeadline } from './withDeadline.js';

/** One request the recording server received. */
export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: Buffer;
  readonly trailers: Record<string, string | undefined>;
  readonly status: number;
}

/** An invocation the server hands out on `/next`. */
export interface QueuedInvocation {
  readonly requestId: string;
  readonly event: unknown;
  readonly headers?: Record<string, string>;
}

/**
 * A Runtime API server for tests: hands out queued invocations on `/next` (long poll),
 * records every request with its body and trailers, and keeps the raw bytes of every
 * connection so tests can assert exact wire bytes. Answers 202 unless told otherwise.
 */
export class RecordingRuntimeApi {
  readonly requests: RecordedRequest[] = [];
  readonly raw: Buffer[] = [];
  /** Called with each body chunk as it arrives (before the request ends). */
  onBodyData: ((url: string, chunk: Buffer) => void) | undefined;
  /** Status for a request, by URL; default 202 (200 for /next). */
  statusFor: (method: string, url: string) => number = () => 202;
  #queue: QueuedInvocation[] = [];
  #waitingNext: ServerResponse[] = [];
  #listeners: (() => void)[] = [];
  #sockets = new Set<Socket>();
  #http: Server;
  #net: NetServer;
  #connections: Buffer[][] = [];

  private constructor() {
    this.#http = createServer((req, res) => this.#handle(req, res));
    this.#net = createNetServer((socket) => {
      this.#sockets.add(socket);
      const bytes: Buffer[] = [];
      this.#connections.push(bytes);
      // Tap the raw bytes, then hand them to the HTTP parser through a JS stream.
      const tap = new Duplex({
        read() {},
        write(chunk: Buffer, _enc, cb) {
          if (socket.destroyed) return cb();
          socket.write(chunk, () => cb());
        },
        final(cb) {
          socket.end();
          cb();
        },
        destroy(err, cb) {
          socket.destroy();
          cb(err);
        },
      });
      Object.assign(tap, { setNoDelay: () => tap, setKeepAlive: () => tap, setTimeout: () => tap, remoteAddress: '127.0.0.1' });
      socket.on('data', (data: Buffer) => {
        bytes.push(data);
        tap.push(data);
      });
      socket.on('end', () => tap.push(null));
      socket.on('close', () => {
        this.#sockets.delete(socket);
        tap.destroy();
      });
      socket.on('error', () => undefined);
      this.#http.emit('connection', tap);
    });
  }

  static async start(): Promise<RecordingRuntimeApi> {
    const api = new RecordingRuntimeApi();
    await new Promise<void>((resolve) => api.#net.listen(0, '127.0.0.1', resolve));
    return api;
  }

  /** `host:port`, the value of `AWS_LAMBDA_RUNTIME_API`. */
  get address(): string {
    const { port } = this.#net.address() as AddressInfo;
    return `127.0.0.1:${port}`;
  }

  /** All raw bytes received on connection `index` (in order of connection). */
  rawConnection(index = 0): Buffer {
    return Buffer.concat(this.#connections[index] ?? []);
  }

  /** All raw bytes received on all connections. */
  rawAll(): Buffer {
    return Buffer.concat(this.#connections.flat());
  }

  /** Queues an invocation for `/next`. */
  enqueue(invocation: QueuedInvocation): void {
    this.#queue.push(invocation);
    this.#serveNext();
  }

  /**
   * Resolves with the first recorded request (now or later) that matches; rejects with a
   * message naming `what` (default: the predicate's source) when none arrives in time.
   */
  waitFor(predicate: (request: RecordedRequest) => boolean, what = `a request matching ${predicate.toString()}`): Promise<RecordedRequest> {
    return withDeadline(this.#waitFor(predicate), what);
  }

  #waitFor(predicate: (request: RecordedRequest) => boolean): Promise<RecordedRequest> {
    return new Promise((resolve) => {
      const check = (): boolean => {
        const found = this.requests.find(predicate);
        if (found) resolve(found);
        return found !== undefined;
      };
      if (check()) return;
      const listener = (): void => {
        if (check()) this.#listeners = this.#listeners.filter((l) => l !== listener);
      };
      this.#listeners.push(listener);
    });
  }

  /** Resolves when `count` `/next` requests are waiting for an invocation (the runtime is idle); rejects when that does not happen in time. */
  waitForIdle(count = 1): Promise<void> {
    const poll = async (): Promise<void> => {
      while (this.#waitingNext.length < count) await new Promise((r) => setTimeout(r, 5));
    };
    return withDeadline(poll(), `${count} waiting GET /next request(s)`);
  }

  async close(): Promise<void> {
    for (const res of this.#waitingNext) res.destroy();
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#net.close(() => resolve()));
  }

  #handle(req: IncomingMessage, res: ServerResponse): void {
    const url = req.url ?? '';
    if (req.method === 'GET' && url === '/2018-06-01/runtime/invocation/next') {
      const status = this.statusFor('GET', url);
      if (status !== 200 && status !== 202) {
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ errorMessage: 'test status' }));
        this.#record({ method: 'GET', url, headers: req.headers, body: Buffer.alloc(0), trailers: {}, status });
        return;
      }
      this.#waitingNext.push(res);
      this.#serveNext();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      this.onBodyData?.(url, chunk);
    });
    req.on('end', () => {
      const status = this.statusFor(req.method ?? '', url);
      const trailers = { ...req.trailers };
      this.#record({ method: req.method ?? '', url, headers: req.headers, body: Buffer.concat(chunks), trailers, status });
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'OK' }));
    });
  }

  #record(request: RecordedRequest): void {
    this.requests.push(request);
    for (const listener of [...this.#listeners]) listener();
  }

  #serveNext(): void {
    while (this.#queue.length > 0 && this.#waitingNext.length > 0) {
      const invocation = this.#queue.shift()!;
      const res = this.#waitingNext.shift()!;
      const body = JSON.stringify(invocation.event);
      res.writeHead(200, {
        'content-type': 'application/json',
        'lambda-runtime-aws-request-id': invocation.requestId,
        'lambda-runtime-deadline-ms': String(Date.now() + 30_000),
        'lambda-runtime-invoked-function-arn': 'arn:aws:lambda:us-east-1:123456789012:function:test',
        'lambda-runtime-trace-id': 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1',
        ...invocation.headers,
      });
      res.end(body);
    }
  }
}
