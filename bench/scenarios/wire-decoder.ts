import { EventStreamCodec, type Message } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import { EventStreamDecoder } from '../../src/wire/EventStreamDecoder.js';
import type { Scenario, ScenarioContext } from '../Scenario.js';

/**
 * Our incremental decoder on a byte stream cut into network-sized chunks that do not
 * follow frame boundaries, against EventStreamCodec.decode on the same frames handed
 * over already split: the floor of what framing costs when nothing has to be joined.
 */
const codec = new EventStreamCodec(toUtf8, fromUtf8);
const PAYLOAD_BYTES = 32 * 1024;
const CHUNK_BYTES = 64 * 1024 - 123; // deliberately not aligned with frames

let frames: Uint8Array[] = [];
let chunks: Uint8Array[] = [];
let totalMiB = 0;

function payloadFrame(i: number): Uint8Array {
  const body = new Uint8Array(PAYLOAD_BYTES).fill(i & 0xff);
  const message: Message = {
    headers: {
      ':event-type': { type: 'string', value: 'PayloadChunk' },
      ':content-type': { type: 'string', value: 'application/octet-stream' },
      ':message-type': { type: 'string', value: 'event' },
    },
    body,
  };
  return codec.encode(message);
}

const scenario: Scenario = {
  name: 'event-stream decode (32 KiB frames)',
  unit: 'MiB/s',
  higherIsBetter: true,
  peerName: 'EventStreamCodec.decode alone',
  goal: 'reported: the peer is the floor',
  async setup(ctx: ScenarioContext) {
    const count = ctx.quick ? 512 : 4096; // 16 MiB or 128 MiB of payload
    frames = Array.from({ length: count }, (_, i) => payloadFrame(i));
    const all = Buffer.concat(frames);
    chunks = [];
    for (let at = 0; at < all.byteLength; at += CHUNK_BYTES) chunks.push(all.subarray(at, at + CHUNK_BYTES));
    totalMiB = all.byteLength / 2 ** 20;
  },
  async ours() {
    const started = performance.now();
    const decoder = new EventStreamDecoder();
    let n = 0;
    for (const chunk of chunks) n += decoder.push(chunk).length;
    decoder.end();
    if (n !== frames.length) throw new Error(`decoded ${n} of ${frames.length} frames`);
    return totalMiB / ((performance.now() - started) / 1000);
  },
  async peer() {
    const started = performance.now();
    let n = 0;
    for (const frame of frames) if (codec.decode(frame).body.byteLength === PAYLOAD_BYTES) n++;
    if (n !== frames.length) throw new Error(`decoded ${n} of ${frames.length} frames`);
    return totalMiB / ((performance.now() - started) / 1000);
  },
  async teardown() {
    frames = [];
    chunks = [];
  },
};

export default scenario;
