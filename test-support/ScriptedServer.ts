import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';

/** One request as the scripted server read it off a connection. */
export interface ScriptedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  /** The decoded body (chunked framing removed); complete only in `onRequest`. */
  body: Buffer;
  readonly trailers: Record<string, string>;
}

/** A connection of the scripted server, with the raw bytes it received. */
export interface ScriptedConnection {
  readonly socket: Socket;
  readonly index: number;
  raw(): Buffer;
  /** Writes `bytes` in pieces of `size` bytes, one per timer turn (hostile split reads). */
  writeSplit(bytes: string | Buffer, size: number): Promise<void>;
}

type Parse =
  | { kind: 'head' }
  | { kind: 'length'; remaining: number; request: ScriptedRequest }
  | { kind: 'chunked'; request: ScriptedRequest };

/**
 * A raw TCP server that speaks just enough HTTP/1.1 to read requests (Content-Length or
 * chunked bodies with trailers) and lets each test answer as a hostile peer would: bytes
 * split or coalesced, early answers, resets at any step, `Connection: close`.
 */
export class ScriptedServer {
  readonly connections: ScriptedConnection[] = [];
  /** Connections closed because a chunked body was not chunked framing. */
  malformed = 0;
  /** Called once a request's head has arrived (its body may still be coming). */
  onHead: (request: ScriptedRequest, connection: ScriptedConnection) => void = () => undefined;
  /** Called once a whole request has arrived. */
  onRequest: (request: ScriptedRequest, connection: ScriptedConnection) => void = () => undefined;
  readonly #server: Server;

  private constructor() {
    this.#server = createServer((socket) => this.#accept(socket));
  }

  static async start(): Promise<ScriptedServer> {
    const server = new ScriptedServer();
    await new Promise<void>((resolve) => server.#server.listen(0, '127.0.0.1', resolve));
    return server;
  }

  /** `host:port`, for `RuntimeApiClient`. */
  get address(): string {
    return `127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    for (const connection of this.connections) connection.socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #accept(socket: Socket): void {
    const chunks: Buffer[] = [];
    const connection: ScriptedConnection = {
      socket,
      index: this.connections.length,
      raw: () => Buffer.concat(chunks),
      writeSplit: async (bytes, size) => {
        const buffer = typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes;
        for (let at = 0; at < buffer.length && !socket.destroyed; at += size) {
          socket.write(buffer.subarray(at, at + size));
          await new Promise((resolve) => setTimeout(resolve, 1));
        }
      },
    };
    this.connections.push(connection);
    socket.on('error', () => undefined);
    let pending = Buffer.alloc(0);
    let parse: Parse = { kind: 'head' };
    socket.on('data', (data: Buffer) => {
      chunks.push(data);
      pending = Buffer.concat([pending, data]);
      for (;;) {
        if (parse.kind === 'head') {
          const end = pending.indexOf('\r\n\r\n');
          if (end < 0) return;
          const [line = '', ...fields] = pending.subarray(0, end).toString('latin1').split('\r\n');
          pending = pending.subarray(end + 4);
          const [method = '', path = ''] = line.split(' ');
          const headers: Record<string, string> = {};
          for (const field of fields) {
            const colon = field.indexOf(':');
            headers[field.slice(0, colon).trim().toLowerCase()] = field.slice(colon + 1).trim();
          }
          const request: ScriptedRequest = { method, path, headers, body: Buffer.alloc(0), trailers: {} };
          this.onHead(request, connection);
          if (/chunked/i.test(headers['transfer-encoding'] ?? '')) parse = { kind: 'chunked', request };
          else parse = { kind: 'length', remaining: Number(headers['content-length'] ?? 0), request };
        } else if (parse.kind === 'length') {
          const take = Math.min(parse.remaining, pending.length);
          parse.request.body = Buffer.concat([parse.request.body, pending.subarray(0, take)]);
          pending = pending.subarray(take);
          parse.remaining -= take;
          if (parse.remaining > 0) return;
          const done = parse.request;
          parse = { kind: 'head' };
          this.onRequest(done, connection);
        } else {
          const lineEnd = pending.indexOf('\r\n');
          if (lineEnd < 0) return;
          const size = parseInt(pending.subarray(0, lineEnd).toString('latin1'), 16);
          if (!Number.isInteger(size) || size < 0) {
            // Not chunked framing (e.g. a request written into an unfinished body): the connection is unusable.
            this.malformed++;
            socket.destroy();
            return;
          }
          if (size === 0) {
            const end = pending.indexOf('\r\n\r\n', Math.max(0, lineEnd - 2));
            if (end < 0) return;
            for (const field of pending.subarray(lineEnd + 2, end).toString('latin1').split('\r\n')) {
              const colon = field.indexOf(':');
              if (colon > 0) parse.request.trailers[field.slice(0, colon).trim().toLowerCase()] = field.slice(colon + 1).trim();
            }
            pending = pending.subarray(end + 4);
            const done = parse.request;
            parse = { kind: 'head' };
            this.onRequest(done, connection);
            continue;
          }
          if (pending.length < lineEnd + 2 + size + 2) return;
          parse.request.body = Buffer.concat([parse.request.body, pending.subarray(lineEnd + 2, lineEnd + 2 + size)]);
          pending = pending.subarray(lineEnd + 2 + size + 2);
        }
      }
    });
  }
}

/** An HTTP/1.1 answer with a Content-Length body. */
export function answer(status: number, body: string, headers: Record<string, string> = {}): string {
  let head = `HTTP/1.1 ${status} X\r\nContent-Length: ${Buffer.byteLength(body)}\r\n`;
  for (const [name, value] of Object.entries(headers)) head += `${name}: ${value}\r\n`;
  return `${head}\r\n${body}`;
}

/** An HTTP/1.1 answer with a chunked body, one chunk per part, and trailers. */
export function chunkedAnswer(status: number, parts: string[], trailers: Record<string, string> = {}): string {
  let text = `HTTP/1.1 ${status} X\r\nTransfer-Encoding: chunked\r\n\r\n`;
  for (const part of parts) text += `${Buffer.byteLength(part).toString(16)}\r\n${part}\r\n`;
  text += '0\r\n';
  for (const [name, value] of Object.entries(trailers)) text += `${name}: ${value}\r\n`;
  return `${text}\r\n`;
}
