import type { Scenario, ScenarioContext } from '../Scenario.js';
import { processCpuMs } from '../processCpuMs.js';
import { BenchRuntimeApi, spawnRuntime, type RuntimeProcess } from '../../test-support/BenchRuntimeApi.js';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Streaming throughput, 64 MiB (16 MiB with --quick) in 16 KiB chunks from a pull source:
 * rx-lambda vs aws-lambda-ric, and vs a raw node:http chunked POST of the same bytes (the limit).
 * Every side is a child process answering its own minimal Runtime API. Rows: throughput,
 * and the runtime process's CPU time per MiB over the same runs (on loopback the receiving
 * server caps throughput; CPU per byte is what a Lambda function pays).
 */
const bytes = (ctx: ScenarioContext): number => (ctx.quick ? 16 : 64) * 1024 * 1024;
const RAW = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../spec/fixtures/runtime/rawHttpRuntime.mjs');

function side(start: (api: BenchRuntimeApi, env: Record<string, string>) => RuntimeProcess) {
  let api: BenchRuntimeApi | undefined;
  let proc: RuntimeProcess | undefined;
  return {
    async setup(ctx: ScenarioContext): Promise<void> {
      api = await BenchRuntimeApi.start();
      const ready = api.nextRequest();
      proc = start(api, { BENCH_BYTES: String(bytes(ctx)) });
      await ready;
    },
    async measure(ctx: ScenarioContext): Promise<number> {
      return (await this.run(ctx)).mibPerSecond;
    },
    async cpuPerMiB(ctx: ScenarioContext): Promise<number> {
      return (await this.run(ctx)).cpuMsPerMiB;
    },
    /** One response of `bytes(ctx)`: MiB/s, and the runtime process's CPU ms per MiB. */
    async run(ctx: ScenarioContext): Promise<{ mibPerSecond: number; cpuMsPerMiB: number }> {
      const pid = proc!.child.pid!;
      const cpuBefore = processCpuMs(pid);
      const ms = await api!.run(1);
      const cpuMs = processCpuMs(pid) - cpuBefore;
      if (api!.bytes < bytes(ctx)) throw new Error(`only ${api!.bytes} bytes arrived`);
      const mib = bytes(ctx) / (1024 * 1024);
      return { mibPerSecond: mib / (ms / 1000), cpuMsPerMiB: cpuMs / mib };
    },
    async teardown(): Promise<void> {
      await proc?.stop();
      await api?.close();
    },
  };
}

function ours() {
  return side((api, env) => spawnRuntime('ours', api, 'bench.streamRx', env));
}

function rawHttp() {
  return side((api, env) => {
    const child = spawn(process.execPath, [RAW], {
      stdio: 'ignore',
      env: { PATH: process.env.PATH ?? '', AWS_LAMBDA_RUNTIME_API: api.address, ...env },
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    return { child, peakRssMiB: () => 0, stop: async () => { child.kill(); await exited; } };
  });
}

function pair(
  name: string,
  peerName: string,
  goal: string | undefined,
  peerSide: ReturnType<typeof ours>,
  measure: 'throughput' | 'cpu' = 'throughput',
): Scenario {
  const o = ours();
  const one = (s: ReturnType<typeof ours>, ctx: ScenarioContext): Promise<number> => (measure === 'cpu' ? s.cpuPerMiB(ctx) : s.measure(ctx));
  return {
    name,
    unit: measure === 'cpu' ? 'ms CPU/MiB' : 'MiB/s',
    higherIsBetter: measure !== 'cpu',
    peerName,
    ...(goal ? { goal } : {}),
    // One 64 MiB round takes ~50 ms on loopback: more rounds keep the median steady on a shared machine.
    rounds: 11,
    async setup(ctx) {
      await o.setup(ctx);
      await peerSide.setup(ctx);
    },
    async teardown() {
      await o.teardown();
      await peerSide.teardown();
    },
    ours: (ctx) => one(o, ctx),
    peer: (ctx) => one(peerSide, ctx),
  };
}

const scenarios: Scenario[] = [
  pair('runtime: streaming 64 MiB in 16 KiB chunks', 'aws-lambda-ric', '>= 1.2x', side((api, env) => spawnRuntime('ric', api, 'bench.streamRic', env))),
  pair('runtime: streaming 64 MiB vs raw node:http', 'node:http chunked POST (the limit)', undefined, rawHttp()),
  // CPU per MiB <= 0.6x aws-lambda-ric's, as a ratio (peer / ours) of at least 1 / 0.6.
  pair('runtime: streaming CPU per MiB', 'aws-lambda-ric', '>= 1.67x (<= 0.6x CPU)', side((api, env) => spawnRuntime('ric', api, 'bench.streamRic', env)), 'cpu'),
];

export default scenarios;
