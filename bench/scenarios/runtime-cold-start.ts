import type { Scenario } from '../Scenario.js';
import { BenchRuntimeApi, spawnRuntime } from '../../spec/fixtures/runtime/benchRuntimeApi.js';

/**
 * Cold start: from spawning the runtime process to its first GET /next. rx-lambda loads
 * a handler that imports rxjs; aws-lambda-ric loads an empty handler.
 */
let api: BenchRuntimeApi | undefined;

async function coldStart(runtime: 'ours' | 'ric', handler: string): Promise<number> {
  const next = api!.nextRequest();
  const started = performance.now();
  const proc = spawnRuntime(runtime, api!, handler);
  const at = await next;
  await proc.stop();
  return at - started;
}

const scenario: Scenario = {
  name: 'runtime: cold start to first /next',
  unit: 'ms',
  higherIsBetter: false,
  peerName: 'aws-lambda-ric (empty handler)',
  goal: '>= 1x',
  rounds: 9,
  async setup() {
    api = await BenchRuntimeApi.start();
  },
  async teardown() {
    await api?.close();
  },
  ours: () => coldStart('ours', 'rxEmpty.handler'),
  peer: () => coldStart('ric', 'empty.handler'),
};

export default scenario;
