/**
 * Support for the client benchmarks (not a scenario: its default export is empty).
 *
 * - `startStreamServer()` runs, in a child process, a node:http server on 127.0.0.1:0 that
 *   answers `POST /2021-11-15/functions/bytes-<N>/response-streaming-invocations` with N
 *   bytes of payload in 32 KiB `PayloadChunk` frames, then `InvokeComplete` — the same
 *   pre-encoded bytes for every consumer.
 * - `consumeOurs`, `consumeSdk`, `consumeRaw` read one such stream (rx-lambda's
 *   `invokeStream`, the AWS SDK's `InvokeWithResponseStreamCommand`, undici `request()`).
 * - `peakRssMiB(consumer, bytes)` runs one consumer in its own process and returns its peak RSS.
 *
 * Child processes (the server, the RSS consumers) run this file bundled by esbuild into
 * `.tmp/bench-client/` (our sources compiled from `src/` at every setup, packages left to
 * `node_modules`) with plain `node`: no TypeScript loader in the process, so a consumer's
 * peak RSS is the client's own, as an application would run it.
 *
 * Run directly: `node --import tsx client-support.ts serve` or `... consume <ours|sdk> <url> <name>`.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import { request } from 'undici';
import { invokeStream } from '../../src/client/index.js';
import { writeWithBackpressure } from '../../src/emulator/service/writeWithBackpressure.js';
import { encodeInvokeComplete, encodePayloadChunk } from '../../src/wire/lambdaStreamFrames.js';

/** Payload bytes per frame (the 32 KiB frames). */
export const FRAME_PAYLOAD_BYTES = 32 * 1024;
/** Frames per pre-encoded block the server writes at once (8 MiB of payload). */
const FRAMES_PER_BLOCK = 256;
const CREDENTIALS = { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench-secret' };
const REGION = 'us-east-1';
const self = fileURLToPath(import.meta.url);
/** Where the bundle for child processes is written (git-ignored). */
const CHILD_BUNDLE = path.resolve(path.dirname(self), '../../.tmp/bench-client/client-support.mjs');

export const MiB = 2 ** 20;

/** The function name that makes the server stream `bytes` bytes. */
export function streamName(bytes: number): string {
  return `bytes-${bytes}`;
}

function streamPath(name: string): string {
  return `/2021-11-15/functions/${name}/response-streaming-invocations`;
}

async function serve(): Promise<void> {
  const frame = encodePayloadChunk(new Uint8Array(FRAME_PAYLOAD_BYTES).fill(0x61));
  const block = Buffer.concat(Array.from({ length: FRAMES_PER_BLOCK }, () => frame));
  const complete = encodeInvokeComplete();
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const match = /\/functions\/bytes-(\d+)\//.exec(req.url ?? '');
      if (!match) {
        res.writeHead(404, { 'x-amzn-errortype': 'ResourceNotFoundException' });
        res.end('{}');
        return;
      }
      let frames = Math.ceil(Number(match[1]) / FRAME_PAYLOAD_BYTES);
      res.writeHead(200, {
        'content-type': 'application/vnd.amazon.eventstream',
        'content-length': frames * frame.byteLength + complete.byteLength,
      });
      void (async () => {
        while (frames >= FRAMES_PER_BLOCK && !res.destroyed) {
          await writeWithBackpressure(res, block);
          frames -= FRAMES_PER_BLOCK;
        }
        if (frames > 0) await writeWithBackpressure(res, block.subarray(0, frames * frame.byteLength));
        res.end(complete);
      })();
    });
  });
  server.listen(0, '127.0.0.1', () => {
    process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
  });
  process.stdin.on('end', () => process.exit(0));
  process.stdin.resume();
}

/** A running bench server (a child process). */
export interface StreamServer {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Bundles this file (and the rx-lambda sources it imports) for plain `node`; returns the
 * bundle's path. Called by every scenario's setup, so children always run current sources.
 */
export async function buildChildBundle(): Promise<string> {
  const { build } = await import('esbuild');
  await build({
    entryPoints: [self],
    outfile: CHILD_BUNDLE,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node22',
    logLevel: 'warning',
  });
  return CHILD_BUNDLE;
}

/** Starts the bench server in its own process (plain node), so its work does not share our event loop. */
export async function startStreamServer(): Promise<StreamServer> {
  const child = spawn(process.execPath, [await buildChildBundle(), 'serve'], { stdio: ['pipe', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.stdout.once('data', (line: Buffer) => {
      const { port } = JSON.parse(line.toString()) as { port: number };
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done) => {
            child.once('exit', () => done());
            child.stdin.end();
          }),
      });
    });
  });
}

/** Reads one stream with rx-lambda's `invokeStream`; returns the payload bytes seen. `onFirst` runs at the first chunk. */
export function consumeOurs(url: string, name: string, onFirst?: () => void): Promise<number> {
  return new Promise((resolve, reject) => {
    let bytes = 0;
    invokeStream({ functionName: name, endpoint: url, region: REGION, credentials: CREDENTIALS }).subscribe({
      next(event) {
        if (event.type !== 'PayloadChunk') return;
        if (bytes === 0) onFirst?.();
        bytes += event.payload.byteLength;
      },
      error: reject,
      complete: () => resolve(bytes),
    });
  });
}

/** One AWS SDK client per process, as an application would keep it (the SDK is imported only here). */
export async function sdkClient(url: string): Promise<LambdaClient> {
  const { LambdaClient: Client } = await import('@aws-sdk/client-lambda');
  return new Client({ endpoint: url, region: REGION, credentials: CREDENTIALS });
}

/** Reads one stream with the AWS SDK's `InvokeWithResponseStreamCommand`. */
export async function consumeSdk(client: LambdaClient, name: string, onFirst?: () => void): Promise<number> {
  const { InvokeWithResponseStreamCommand } = await import('@aws-sdk/client-lambda');
  const response = await client.send(new InvokeWithResponseStreamCommand({ FunctionName: name }));
  let bytes = 0;
  for await (const event of response.EventStream!) {
    const payload = event.PayloadChunk?.Payload;
    if (!payload) continue;
    if (bytes === 0) onFirst?.();
    bytes += payload.byteLength;
  }
  return bytes;
}

/** Reads the same body raw (no decoding) with undici's `request()`: the limit. */
export async function consumeRaw(url: string, name: string): Promise<number> {
  const { body } = await request(`${url}${streamPath(name)}`, { method: 'POST', body: '{}' });
  let bytes = 0;
  for await (const chunk of body) bytes += (chunk as Buffer).byteLength;
  return bytes;
}

/**
 * Runs one consumer in its own plain-node process (the bundle from `buildChildBundle()`) on a
 * stream of `bytes` and returns that process's peak RSS, MiB.
 */
export function peakRssMiB(consumer: 'ours' | 'sdk', url: string, bytes: number): Promise<number> {
  const child = spawn(process.execPath, [CHILD_BUNDLE, 'consume', consumer, url, streamName(bytes)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    const out: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`${consumer} consumer exited with ${code}`));
      const result = JSON.parse(Buffer.concat(out).toString()) as { bytes: number; maxRssKiB: number };
      if (result.bytes < bytes) return reject(new Error(`${consumer} consumer read ${result.bytes} of ${bytes} bytes`));
      resolve(result.maxRssKiB / 1024);
    });
  });
}

async function consumeInChild(consumer: string, url: string, name: string): Promise<void> {
  const bytes = consumer === 'ours' ? await consumeOurs(url, name) : await consumeSdk(await sdkClient(url), name);
  const usage = process.resourceUsage();
  process.stdout.write(JSON.stringify({ bytes, maxRssKiB: usage.maxRSS, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 }));
  process.exit(0);
}

if (process.argv[1] === self) {
  const [mode, ...args] = process.argv.slice(2);
  if (mode === 'serve') void serve();
  else if (mode === 'consume') void consumeInChild(args[0]!, args[1]!, args[2]!);
}

/** Not a scenario. */
const none: never[] = [];
export default none;
