import { concat, from, lastValueFrom, of, reduce, type Observable } from 'rxjs';
import { compress } from '../../src/compress/compress.js';
import { head } from '../../src/head.js';
import { FLOW_CONTROL } from '../../src/sink/flowControl.js';
import { pull } from '../../src/sink/pull.js';
import { loadEvent } from '../../spec/sources/loadEvent.js';
import { testContext } from '../../spec/sources/testContext.js';
import type { Scenario, ScenarioContext } from '../Scenario.js';

/**
 * A 20 MiB NDJSON stream (5 MiB with --quick) in 16 KiB chunks, through `compress()`
 * (zstd, the default for a caller that accepts every coding) vs sent as it is: the bytes
 * that leave, the time to produce them, and the time Lambda takes to deliver them at its
 * streaming rate (the first 6 MiB at full speed, then about 2 MiB/s; the CPU time added).
 */
const MIB = 1024 * 1024;
const CHUNK_BYTES = 16 * 1024;
/** Lambda streams the first 6 MB of a response uncapped. Source: Lambda response streaming docs. */
const UNCAPPED_BYTES = 6 * MIB;
/** Then about 2 MB/s. Source: Lambda response streaming docs ("bandwidth"). */
const CAPPED_BYTES_PER_S = 2 * MIB;

const streamBytes = (ctx: ScenarioContext): number => (ctx.quick ? 5 : 20) * MIB;

/**
 * NDJSON log records with ids, amounts and timings that vary as real ones do (a fixed-seed
 * generator, so every run sends the same bytes), joined into chunks of about CHUNK_BYTES.
 */
function chunks(total: number): () => AsyncIterable<string> {
  return async function* () {
    let sent = 0;
    let seq = 0;
    let seed = 42;
    const random = (): number => ((seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) / 2 ** 32);
    while (sent < total) {
      let chunk = '';
      while (chunk.length < CHUNK_BYTES) {
        const record = {
          seq,
          time: new Date(1_767_225_600_000 + seq * 37).toISOString(),
          level: random() < 0.05 ? 'warn' : 'info',
          requestId: Math.floor(random() * 2 ** 32).toString(16).padStart(8, '0') + Math.floor(random() * 2 ** 32).toString(16).padStart(8, '0'),
          order: { id: Math.floor(random() * 1e6), amount: Math.round(random() * 1e5) / 100, currency: random() < 0.7 ? 'EUR' : 'USD' },
          message: 'order processed',
          ms: Math.round(random() * 250 * 10) / 10,
        };
        chunk += `${JSON.stringify(record)}\n`;
        seq++;
      }
      sent += chunk.length;
      yield chunk;
    }
  };
}

interface Run {
  readonly bytes: number;
  readonly ms: number;
}

async function send(compressed: boolean, ctx: ScenarioContext): Promise<Run> {
  const event = loadEvent('function-url') as { headers: Record<string, string> };
  event.headers['accept-encoding'] = 'gzip, deflate, br, zstd';
  const plain = () => concat(of(head({ statusCode: 200, headers: { 'content-type': 'application/x-ndjson' } })), pull(chunks(streamBytes(ctx))));
  const handler = compressed ? compress(plain) : plain;
  const started = performance.now();
  const bytes = await FLOW_CONTROL.run({ ready: () => undefined }, () =>
    lastValueFrom(
      from(handler(event, testContext()) as Observable<unknown>).pipe(
        reduce((n, value) => n + (typeof value === 'string' ? Buffer.byteLength(value) : value instanceof Uint8Array ? value.byteLength : 0), 0),
      ),
    ),
  );
  return { bytes, ms: performance.now() - started };
}

const deliveryMs = (run: Run): number => run.ms + (Math.max(0, run.bytes - UNCAPPED_BYTES) / CAPPED_BYTES_PER_S) * 1000;

const scenarios: Scenario[] = [
  {
    name: 'compress: 20 MiB NDJSON stream, bytes sent (zstd)',
    unit: 'MiB',
    higherIsBetter: false,
    peerName: 'uncompressed',
    rounds: 3,
    ours: async (ctx) => (await send(true, ctx)).bytes / MIB,
    peer: async (ctx) => (await send(false, ctx)).bytes / MIB,
  },
  {
    name: 'compress: 20 MiB NDJSON stream, time to produce (zstd)',
    unit: 'ms',
    higherIsBetter: false,
    peerName: 'uncompressed',
    rounds: 3,
    ours: async (ctx) => (await send(true, ctx)).ms,
    peer: async (ctx) => (await send(false, ctx)).ms,
  },
  {
    name: 'compress: 20 MiB NDJSON stream, time to deliver at Lambda’s streaming rate (zstd)',
    unit: 'ms',
    higherIsBetter: false,
    peerName: 'uncompressed',
    rounds: 3,
    ours: async (ctx) => deliveryMs(await send(true, ctx)),
    peer: async (ctx) => deliveryMs(await send(false, ctx)),
  },
];

export default scenarios;
