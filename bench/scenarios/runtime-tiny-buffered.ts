import type { Scenario, ScenarioContext } from '../Scenario.js';
import { processCpuMs } from '../processCpuMs.js';
import { BenchRuntimeApi, spawnRuntime, type RuntimeProcess } from '../../test-support/BenchRuntimeApi.js';

/**
 * Tiny buffered responses: rx-lambda's runtime vs aws-lambda-ric, each on its own minimal
 * Runtime API. Rows: responses per second, and the runtime process's CPU time per
 * invocation over the same runs (what a fraction of a vCPU pays for).
 */
let apis: { ours: BenchRuntimeApi; peer: BenchRuntimeApi } | undefined;
let procs: { ours: RuntimeProcess; peer: RuntimeProcess } | undefined;

const count = (ctx: ScenarioContext): number => (ctx.quick ? 500 : 3000);

/** One run of `count` invocations: its rate and the runtime's CPU time per invocation. */
async function run(side: 'ours' | 'peer', ctx: ScenarioContext): Promise<{ perSecond: number; cpuUsPerInvoke: number }> {
  const n = count(ctx);
  const pid = procs![side].child.pid!;
  const cpuBefore = processCpuMs(pid);
  const ms = await apis![side].run(n);
  return { perSecond: n / (ms / 1000), cpuUsPerInvoke: ((processCpuMs(pid) - cpuBefore) * 1000) / n };
}

/** Each row starts fresh processes (the harness runs one row's setup, rounds and teardown at a time). */
async function setup(): Promise<void> {
  const ours = await BenchRuntimeApi.start();
  const peer = await BenchRuntimeApi.start();
  apis = { ours, peer };
  const ready = Promise.all([ours.nextRequest(), peer.nextRequest()]);
  procs = {
    ours: spawnRuntime('ours', ours, 'bench.tinyRx', { RX_LAMBDA_RESPONSE_MODE: 'buffered' }),
    peer: spawnRuntime('ric', peer, 'bench.tinyRic'),
  };
  await ready;
}
async function teardown(): Promise<void> {
  await Promise.all([procs?.ours.stop(), procs?.peer.stop()]);
  await apis?.ours.close();
  await apis?.peer.close();
}

const scenarios: Scenario[] = [
  {
    name: 'runtime: tiny buffered responses',
    unit: 'responses/s',
    higherIsBetter: true,
    peerName: 'aws-lambda-ric',
    goal: '>= 1.8x',
    setup,
    teardown,
    ours: async (ctx) => (await run('ours', ctx)).perSecond,
    peer: async (ctx) => (await run('peer', ctx)).perSecond,
  },
  {
    name: 'runtime: CPU per tiny buffered invoke',
    unit: 'µs CPU',
    higherIsBetter: false,
    peerName: 'aws-lambda-ric',
    setup,
    teardown,
    ours: async (ctx) => (await run('ours', ctx)).cpuUsPerInvoke,
    peer: async (ctx) => (await run('peer', ctx)).cpuUsPerInvoke,
  },
];

export default scenarios;
