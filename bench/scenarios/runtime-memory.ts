import type { Scenario, ScenarioContext } from '../Scenario.js';
import { BenchRuntimeApi, spawnRuntime, type RuntimeProcess } from '../../test-support/BenchRuntimeApi.js';

/**
 * Peak RSS (Linux VmHWM) of a runtime process that streams one response from a pull
 * source: 1 GiB vs 64 MiB for rx-lambda (memory must not grow with the stream), and
 * 1 GiB for rx-lambda vs aws-lambda-ric. With --quick: 256 MiB vs 16 MiB.
 * Each measurement is a fresh process, so its peak is its own.
 */
const MIB = 1024 * 1024;
const big = (ctx: ScenarioContext): number => (ctx.quick ? 256 : 1024) * MIB;
const small = (ctx: ScenarioContext): number => (ctx.quick ? 16 : 64) * MIB;

async function peakRss(runtime: 'ours' | 'ric', bytes: number): Promise<number> {
  const api = await BenchRuntimeApi.start();
  let proc: RuntimeProcess | undefined;
  try {
    const ready = api.nextRequest();
    proc = spawnRuntime(runtime, api, runtime === 'ours' ? 'bench.streamRx' : 'bench.streamRic', { BENCH_BYTES: String(bytes) });
    await ready;
    await api.run(1);
    if (api.bytes < bytes) throw new Error(`only ${api.bytes} of ${bytes} bytes arrived`);
    return proc.peakRssMiB();
  } finally {
    await proc?.stop();
    await api.close();
  }
}

const scenarios: Scenario[] = [
  {
    name: 'runtime: peak RSS streaming 1 GiB vs 64 MiB',
    unit: 'MiB',
    higherIsBetter: false,
    peerName: 'rx-lambda streaming 64 MiB',
    goal: '>= 1x (no growth)',
    rounds: 3,
    ours: (ctx) => peakRss('ours', big(ctx)),
    peer: (ctx) => peakRss('ours', small(ctx)),
  },
  {
    name: 'runtime: peak RSS streaming 1 GiB',
    unit: 'MiB',
    higherIsBetter: false,
    peerName: 'aws-lambda-ric',
    goal: '>= 1x',
    rounds: 3,
    ours: (ctx) => peakRss('ours', big(ctx)),
    peer: (ctx) => peakRss('ric', big(ctx)),
  },
];

export default scenarios;
