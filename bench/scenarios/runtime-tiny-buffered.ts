import type { Scenario, ScenarioContext } from '../Scenario.js';
import { BenchRuntimeApi, spawnRuntime, type RuntimeProcess } from '../../test-support/BenchRuntimeApi.js';

/** Tiny buffered responses per second: rx-lambda's runtime vs aws-lambda-ric, each on its own minimal Runtime API. */
let apis: { ours: BenchRuntimeApi; peer: BenchRuntimeApi } | undefined;
let procs: RuntimeProcess[] = [];

const count = (ctx: ScenarioContext): number => (ctx.quick ? 500 : 3000);

async function measure(api: BenchRuntimeApi, ctx: ScenarioContext): Promise<number> {
  const n = count(ctx);
  const ms = await api.run(n);
  return n / (ms / 1000);
}

const scenario: Scenario = {
  name: 'runtime: tiny buffered responses',
  unit: 'responses/s',
  higherIsBetter: true,
  peerName: 'aws-lambda-ric',
  goal: '>= 1.5x',
  async setup() {
    const ours = await BenchRuntimeApi.start();
    const peer = await BenchRuntimeApi.start();
    apis = { ours, peer };
    const ready = Promise.all([ours.nextRequest(), peer.nextRequest()]);
    procs = [
      spawnRuntime('ours', ours, 'bench.tinyRx', { RX_LAMBDA_RESPONSE_MODE: 'buffered' }),
      spawnRuntime('ric', peer, 'bench.tinyRic'),
    ];
    await ready;
  },
  async teardown() {
    await Promise.all(procs.map((p) => p.stop()));
    await apis?.ours.close();
    await apis?.peer.close();
  },
  ours: (ctx) => measure(apis!.ours, ctx),
  peer: (ctx) => measure(apis!.peer, ctx),
};

export default scenario;
