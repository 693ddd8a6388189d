import type { LambdaClient } from '@aws-sdk/client-lambda';
import { median } from '../../scripts/harness.js';
import type { Scenario, ScenarioContext } from '../Scenario.js';
import { consumeOurs, consumeSdk, FRAME_PAYLOAD_BYTES, sdkClient, startStreamServer, streamName, type StreamServer } from './client-support.js';

/** Invokes per measurement; the median is reported. */
const INVOKES = 40;
const QUICK_INVOKES = 10;

/** Time from the call to the first PayloadChunk in the consumer's hands (one 32 KiB frame, then InvokeComplete). */
async function firstChunkMs(read: (onFirst: () => void) => Promise<number>, count: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    let first = 0;
    await read(() => {
      first = performance.now();
    });
    times.push(first - started);
  }
  return median(times);
}

const shared: { server?: StreamServer; sdk?: LambdaClient } = {};
const name = streamName(FRAME_PAYLOAD_BYTES);

const scenario: Scenario = {
  name: 'client: time to first PayloadChunk (warm connection)',
  unit: 'ms',
  higherIsBetter: false,
  peerName: '@aws-sdk/client-lambda InvokeWithResponseStream',
  goal: '>= 1x',
  async setup(_ctx: ScenarioContext) {
    shared.server = await startStreamServer();
    shared.sdk = await sdkClient(shared.server.url);
  },
  async teardown() {
    shared.sdk?.destroy();
    await shared.server?.close();
  },
  ours: (ctx) => firstChunkMs((onFirst) => consumeOurs(shared.server!.url, name, onFirst), ctx.quick ? QUICK_INVOKES : INVOKES),
  peer: (ctx) => firstChunkMs((onFirst) => consumeSdk(shared.sdk!, name, onFirst), ctx.quick ? QUICK_INVOKES : INVOKES),
};

export default scenario;
