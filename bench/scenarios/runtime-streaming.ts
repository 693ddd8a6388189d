import type { Scenario, ScenarioContext } from '../Scenario.js';
import { BenchRuntimeApi, spawnRuntime, type RuntimeProcess } from '../../test-support/BenchRuntimeApi.js';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Streaming throughput, 64 MiB (16 MiB with --quick) in 16 KiB chunks from a pull source:
 * rx-lambda vs aws-lambda-ric, and vs a raw node:http chunked POST of the same bytes (the limit).
 * Every side is a child process answering its own minimal Runtime API.
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
      const ms = await api!.run(1);
      if (api!.bytes < bytes(ctx)) throw new Error(`only ${api!.bytes} bytes arrived`);
      return bytes(ctx) / (1024 * 1024) / (ms / 1000);
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

function pair(name: string, peerName: string, goal: string | undefined, peerSide: ReturnType<typeof ours>): Scenario {
  const o = ours();
  return {
    name,
    unit: 'MiB/s',
    higherIsBetter: true,
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
    ours: (ctx) => o.measure(ctx),
    peer: (ctx) => peerSide.measure(ctx),
  };
}

const scenarios: Scenario[] = [
  pair('runtime: streaming 64 MiB in 16 KiB chunks', 'aws-lambda-ric', '>= 1.2x', side((api, env) => spawnRuntime('ric', api, 'bench.streamRic', env))),
  pair('runtime: streaming 64 MiB vs raw node:http', 'node:http chunked POST (the limit)', undefined, rawHttp()),
];

export default scenarios;
