import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import type { Scenario, ScenarioContext } from '../Scenario.js';

/**
 * The emulator's `InvokeWithResponseStream` relay: 64 MiB (16 MiB with --quick) streamed by
 * a plain node:http runtime (16 KiB chunks) through the emulator, read raw by undici, against
 * a minimal pipe relay (a Runtime API whose `/response` body is piped, unframed, into the
 * caller's response) with the same runtime and reader. Both servers run in this process.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const RAW_RUNTIME = path.resolve(here, '../../spec/fixtures/runtime/rawHttpRuntime.mjs');
const BOOTSTRAP = path.resolve(here, '../fixtures/raw-stream-bootstrap');
const bytes = (ctx: ScenarioContext): number => (ctx.quick ? 16 : 64) * 1024 * 1024;

/** Reads a whole response body raw; returns MiB/s of `expected` payload bytes, checking enough arrived. */
async function readThroughput(url: string, expected: number): Promise<number> {
  const started = performance.now();
  const { statusCode, body } = await request(url, { method: 'POST', body: '{}', headers: { authorization: 'AWS4-HMAC-SHA256 Credential=bench/20150331/us-east-1/lambda/aws4_request, SignedHeaders=host, Signature=0' } });
  let got = 0;
  for await (const chunk of body) got += (chunk as Buffer).byteLength;
  if (statusCode !== 200 || got < expected) throw new Error(`status ${statusCode}, ${got} of ${expected} bytes`);
  return expected / (1024 * 1024) / ((performance.now() - started) / 1000);
}

/** A minimal pipe relay: one caller at a time, its invoke handed to `/next`, the runtime's `/response` body piped to it. */
class PipeRelay {
  readonly #server: Server;
  #caller: ServerResponse | undefined;
  #waiting: ServerResponse | undefined;
  #id = 0;
  #runtime: ChildProcess | undefined;

  private constructor() {
    this.#server = createServer((req, res) => this.#route(req, res));
  }

  static async start(total: number): Promise<PipeRelay> {
    const relay = new PipeRelay();
    relay.#server.listen(0, '127.0.0.1');
    await once(relay.#server, 'listening');
    const { port } = relay.#server.address() as AddressInfo;
    relay.#runtime = spawn('node', [RAW_RUNTIME], {
      stdio: 'ignore',
      env: { PATH: process.env.PATH ?? '', AWS_LAMBDA_RUNTIME_API: `127.0.0.1:${port}`, BENCH_BYTES: String(total) },
    });
    return relay;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/invoke`;
  }

  #route(req: IncomingMessage, res: ServerResponse): void {
    if (req.url === '/invoke') {
      req.resume();
      this.#caller = res;
      this.#hand();
    } else if (req.url?.endsWith('/invocation/next')) {
      this.#waiting = res;
      this.#hand();
    } else {
      const caller = this.#caller!;
      this.#caller = undefined;
      caller.writeHead(200, { 'content-type': 'application/octet-stream' });
      req.pipe(caller);
      req.on('end', () => res.writeHead(202).end());
    }
  }

  #hand(): void {
    if (!this.#caller || !this.#waiting) return;
    this.#waiting.writeHead(200, { 'lambda-runtime-aws-request-id': String(++this.#id), 'lambda-runtime-deadline-ms': String(Date.now() + 60_000) }).end('{}');
    this.#waiting = undefined;
  }

  async close(): Promise<void> {
    const exited = this.#runtime && this.#runtime.exitCode === null ? once(this.#runtime, 'exit') : undefined;
    this.#runtime?.kill();
    await exited;
    this.#server.closeAllConnections();
    await new Promise((resolve) => this.#server.close(resolve));
  }
}

const shared: { emulator?: Emulator; relay?: PipeRelay; total: number } = { total: 0 };

const scenario: Scenario = {
  name: 'emulator: InvokeWithResponseStream relay, 64 MiB',
  unit: 'MiB/s',
  higherIsBetter: true,
  peerName: 'minimal pipe relay (no framing), same runtime and reader',
  goal: '>= 0.9x',
  rounds: 7,
  async setup(ctx) {
    shared.total = bytes(ctx);
    shared.emulator = await startEmulator({
      log: () => {},
      functions: [
        {
          name: 'relay',
          handler: 'relay.handler',
          runtime: 'provided',
          bootstrap: BOOTSTRAP,
          invokeMode: 'RESPONSE_STREAM',
          timeoutSeconds: 60,
          environment: { BENCH_BYTES: String(shared.total) },
        },
      ],
    });
    shared.relay = await PipeRelay.start(shared.total);
  },
  async teardown() {
    await shared.emulator?.close();
    await shared.relay?.close();
  },
  ours: () => readThroughput(`${shared.emulator!.url}/2021-11-15/functions/relay/response-streaming-invocations`, shared.total),
  peer: () => readThroughput(shared.relay!.url, shared.total),
};

export default scenario;
