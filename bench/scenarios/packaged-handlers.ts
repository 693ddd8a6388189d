import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '../Scenario.js';
import { BenchRuntimeApi, spawnRuntime } from '../../test-support/BenchRuntimeApi.js';
import { unzipTo } from '../../spec/packager/unzipTo.js';
import { packageHandler } from '../../src/packager/packageHandler.js';

/**
 * Three typical user handlers as `rx-lambda package` bundles them for `nodejs24.x`
 * (minified `index.mjs`): a JSON answer, a streamed HTTP response and an SQS batch with
 * partial failures. Rows: each bundle's size against its goal, and each bundle's cold start
 * under AWS's own runtime client (as the managed runtime loads it) against aws-lambda-ric
 * with an empty handler.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FIXTURES = 'spec/fixtures/packager';

interface Kind {
  readonly label: string;
  /** The fixture module, exporting `handler`. */
  readonly module: string;
  readonly invokeMode: 'RESPONSE_STREAM' | 'BUFFERED';
  /** Bundle size goal, kB (1000 bytes), minified. Source: the packaging issue (JSON 40 kB, streaming HTTP 60 kB; SQS: ours). */
  readonly goalKb: number;
}

const KINDS: readonly Kind[] = [
  { label: 'JSON', module: 'jsonHandler', invokeMode: 'BUFFERED', goalKb: 40 },
  { label: 'streaming HTTP', module: 'httpHandler', invokeMode: 'RESPONSE_STREAM', goalKb: 60 },
  { label: 'SQS batch', module: 'sqsHandler', invokeMode: 'BUFFERED', goalKb: 60 },
];

let work: string | undefined;
const built = new Map<string, { dir: string; kb: number }>();

async function bundle(kind: Kind): Promise<{ dir: string; kb: number }> {
  const known = built.get(kind.module);
  if (known) return known;
  work ??= await mkdtemp(path.join(tmpdir(), 'rx-lambda-bench-bundles-'));
  const result = await packageHandler({ handler: `${FIXTURES}/${kind.module}.handler`, outDir: path.join(work, kind.module), cwd: ROOT, target: { invokeMode: kind.invokeMode } });
  const dir = path.join(work, `${kind.module}-code`);
  unzipTo(result.functionZip.path, dir);
  const entry = { dir, kb: result.bundleBytes / 1000 };
  built.set(kind.module, entry);
  return entry;
}

let api: BenchRuntimeApi | undefined;

async function coldStart(handler: string, taskRoot?: string): Promise<number> {
  const next = api!.nextRequest();
  const started = performance.now();
  const proc = spawnRuntime('ric', api!, handler, taskRoot ? { LAMBDA_TASK_ROOT: taskRoot } : {});
  const at = await next;
  await proc.stop();
  return at - started;
}

const sizeRows: Scenario[] = KINDS.map((kind) => ({
  name: `package: ${kind.label} handler bundle size (nodejs24.x, minified)`,
  unit: 'kB',
  higherIsBetter: false,
  peerName: `goal (${kind.goalKb} kB)`,
  goal: '>= 1x',
  rounds: 1,
  ours: async () => (await bundle(kind)).kb,
  peer: async () => kind.goalKb,
}));

const coldStartRows: Scenario[] = KINDS.map((kind) => ({
  name: `package: ${kind.label} handler cold start to first /next (bundle under aws-lambda-ric)`,
  unit: 'ms',
  higherIsBetter: false,
  peerName: 'aws-lambda-ric (empty handler)',
  rounds: 9,
  async setup() {
    await bundle(kind);
    api = await BenchRuntimeApi.start();
  },
  async teardown() {
    await api?.close();
    if (kind === KINDS[KINDS.length - 1] && work) {
      await rm(work, { recursive: true, force: true });
      work = undefined;
      built.clear();
    }
  },
  ours: async () => coldStart('index.handler', (await bundle(kind)).dir),
  peer: () => coldStart('empty.handler'),
}));

export default [...sizeRows, ...coldStartRows];
