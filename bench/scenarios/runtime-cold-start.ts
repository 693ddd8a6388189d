import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import { readFile } from 'node:fs/promises';
import type { Scenario } from '../Scenario.js';
import { BenchRuntimeApi, spawnRuntime } from '../../test-support/BenchRuntimeApi.js';
import { packageHandler } from '../../src/packager/packageHandler.js';

/**
 * Cold start: from spawning the runtime process to its first GET /next. rx-lambda loads
 * a handler that imports rxjs; aws-lambda-ric loads an empty handler.
 *
 * Two ways rx-lambda starts: `rx-lambda-bootstrap` loading the handler module from
 * node_modules-style files (reported), and the `provided.al2023` deployment bundle that
 * `rx-lambda package` makes (the goal's case: runtime, handler and rxjs in one CommonJS
 * `runtime.cjs`, which is what its `bootstrap` runs).
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

let api: BenchRuntimeApi | undefined;
let bundleDir: string | undefined;

async function coldStart(runtime: Parameters<typeof spawnRuntime>[0], handler: string): Promise<number> {
  const next = api!.nextRequest();
  const started = performance.now();
  const proc = spawnRuntime(runtime, api!, handler);
  const at = await next;
  await proc.stop();
  return at - started;
}

/** Builds the `provided.al2023` zip for the cold-start handler and unpacks its bundle (`runtime.cjs`). */
async function packagedRuntime(): Promise<string> {
  bundleDir = await mkdtemp(path.join(tmpdir(), 'rx-lambda-bench-'));
  const { functionZip } = await packageHandler({
    handler: 'spec/fixtures/runtime/rxEmpty.handler',
    outDir: bundleDir,
    cwd: ROOT,
    target: { runtime: 'provided.al2023' },
    nodeBinary: path.join(ROOT, 'node_modules/node/bin/node'),
  });
  const files = unzipSync(await readFile(functionZip.path));
  const name = functionZip.files.find((file) => /^runtime\.[cm]js$/.test(file));
  if (name === undefined) throw new Error(`no runtime bundle in ${functionZip.files.join(', ')}`);
  const script = path.join(bundleDir, name);
  await writeFile(script, files[name]!);
  return script;
}

const peer = (): Promise<number> => coldStart('ric', 'empty.handler');

const scenarios: Scenario[] = [
  {
    name: 'runtime: cold start to first /next',
    unit: 'ms',
    higherIsBetter: false,
    peerName: 'aws-lambda-ric (empty handler)',
    // Reported, not a goal: the unbundled bin loads rxjs's CommonJS build file by file; deploy the bundle.
    rounds: 9,
    async setup() {
      api = await BenchRuntimeApi.start();
    },
    async teardown() {
      await api?.close();
    },
    ours: () => coldStart('ours', 'rxEmpty.handler'),
    peer,
  },
  (() => {
    let script = '';
    return {
      name: 'runtime: cold start, deployment bundle (rx-lambda package)',
      unit: 'ms',
      higherIsBetter: false,
      peerName: 'aws-lambda-ric (empty handler)',
      goal: '>= 1.15x',
      rounds: 9,
      async setup() {
        script = await packagedRuntime();
        api = await BenchRuntimeApi.start();
      },
      async teardown() {
        await api?.close();
        if (bundleDir) await rm(bundleDir, { recursive: true, force: true });
      },
      ours: () => coldStart({ script }, 'rxEmpty.handler'),
      peer,
    } satisfies Scenario;
  })(),
];

export default scenarios;
