import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A `/response` or `/error` the server finished reading. */
export interface Answer {
  readonly requestId: string;
  readonly kind: 'response' | 'error';
  readonly body: Buffer;
  readonly trailers: Record<string, string | undefined>;
}

/** What the server does with one `/response` or `/error` request. */
export type AnswerFault =
  | { readonly kind: 'status'; readonly status: number }
  /** Destroys the connection once this many body bytes have arrived. */
  | { readonly kind: 'reset'; readonly afterBytes: number }
  /** Reads the body slowly: pauses after each chunk for a timer turn. */
  | { readonly kind: 'slow'; readonly onBytes: (received: number) => void };

/**
 * A Runtime API that misbehaves on cue, for fault injection: `/next` hands out queued
 * events (or answers `nextStatus`), and each answer is read, cut or refused per
 * `faultFor(requestId)`. Deadlines are 30 s away.
 */
export class FaultyRuntimeApi {
  readonly answers: Answer[] = [];
  /** Status of `/next` (200 hands out the next queued event). */
  nextStatus = 200;
  faultFor: (requestId: string) => AnswerFault = () => ({ kind: 'status', status: 202 });
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();
  readonly #queue: { requestId: string; event: unknown }[] = [];
  readonly #waiting: ServerResponse[] = [];
  #listeners: (() => void)[] = [];

  private constructor() {
    this.#server = createServer((req, res) => this.#route(req, res));
    this.#server.on('connection', (socket: Socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
  }

  static async start(): Promise<FaultyRuntimeApi> {
    const api = new FaultyRuntimeApi();
    await new Promise<void>((resolve) => api.#server.listen(0, '127.0.0.1', resolve));
    return api;
  }

  /** `host:port`, for `AWS_LAMBDA_RUNTIME_API`. */
  get address(): string {
    return `127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  /** Connections open now. */
  get connections(): number {
    return this.#sockets.size;
  }

  enqueue(requestId: string, event: unknown): void {
    this.#queue.push({ requestId, event });
    this.#serve();
  }

  /** Resolves with the answer to `requestId` once it has been read, or `undefined` after `ms`. */
  answerTo(requestId: string, ms: number): Promise<Answer | undefined> {
    return new Promise((resolve) => {
      const check = (): boolean => {
        const found = this.answers.find((a) => a.requestId === requestId);
        if (found) {
          clearTimeout(timer);
          resolve(found);
        }
        return found !== undefined;
      };
      const timer = setTimeout(() => {
        this.#listeners = this.#listeners.filter((l) => l !== listener);
        resolve(undefined);
      }, ms);
      const listener = (): void => {
        if (check()) this.#listeners = this.#listeners.filter((l) => l !== listener);
      };
      if (!check()) this.#listeners.push(listener);
    });
  }

  async close(): Promise<void> {
    for (const res of this.#waiting.splice(0)) res.destroy();
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #route(req: IncomingMessage, res: ServerResponse): void {
    req.on('error', () => undefined);
    const url = req.url ?? '';
    if (url === '/2018-06-01/runtime/invocation/next') {
      if (this.nextStatus !== 200) {
        res.writeHead(this.nextStatus, { 'content-type': 'application/json' }).end('{"errorMessage":"injected","errorType":"Injected"}');
        return;
      }
      this.#waiting.push(res);
      return this.#serve();
    }
    const match = /^\/2018-06-01\/runtime\/invocation\/([^/]+)\/(response|error)$/.exec(url);
    if (!match) return void res.writeHead(404).end();
    const requestId = decodeURIComponent(match[1]!);
    const fault = this.faultFor(requestId);
    const chunks: Buffer[] = [];
    let received = 0;
    req.on('data', (chunk: Buffer) => {
      received += chunk.byteLength;
      if (fault.kind === 'reset') {
        if (received >= fault.afterBytes) req.socket.destroy();
        return;
      }
      if (fault.kind === 'slow') {
        fault.onBytes(received);
        req.pause();
        setTimeout(() => req.resume(), 1);
        // Only the size matters for a slow read; keep the memory flat.
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      const status = fault.kind === 'status' ? fault.status : 202;
      res.writeHead(status, { 'content-type': 'application/json' }).end('{"status":"OK"}');
      this.answers.push({ requestId, kind: match[2] as 'response' | 'error', body: Buffer.concat(chunks), trailers: { ...req.trailers } });
      for (const listener of [...this.#listeners]) listener();
    });
  }

  #serve(): void {
    while (this.#queue.length > 0 && this.#waiting.length > 0) {
      const { requestId, event } = this.#queue.shift()!;
      const res = this.#waiting.shift()!;
      res.writeHead(200, {
        'content-type': 'application/json',
        'lambda-runtime-aws-request-id': requestId,
        'lambda-runtime-deadline-ms': String(Date.now() + 30_000),
        'lambda-runtime-invoked-function-arn': 'arn:aws:lambda:us-east-1:123456789012:function:reliability',
        'lambda-runtime-trace-id': 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1',
      });
      res.end(JSON.stringify(event));
    }
  }
}
