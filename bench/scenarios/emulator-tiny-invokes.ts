import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { lastValueFrom } from 'rxjs';
import { invoke } from '../../src/client/index.js';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import type { Scenario, ScenarioContext } from '../Scenario.js';

/**
 * Tiny buffered invokes through the emulator (`Invoke`, one at a time, rx-lambda's client on
 * a loopback endpoint): a function on rx-lambda's runtime (buffered response mode) against
 * the same response from a function on aws-lambda-ric (`runtime: 'nodejs'`), both warm.
 */
const TASK_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../spec/fixtures/runtime');
const INVOKES = 400;
const QUICK_INVOKES = 100;

const shared: { emulator?: Emulator } = {};

async function invokesPerSecond(functionName: string, count: number): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    // A function error rejects (FunctionError), which fails the scenario.
    await lastValueFrom(invoke({ endpoint: shared.emulator!.url, functionName, payload: { i } }));
  }
  return count / ((performance.now() - started) / 1000);
}

const scenario: Scenario = {
  name: 'emulator: tiny buffered invokes, rx-lambda runtime',
  unit: 'ops/s',
  higherIsBetter: true,
  peerName: 'the same through the emulator with aws-lambda-ric as the runtime',
  goal: '>= 1x',
  async setup(_ctx: ScenarioContext) {
    shared.emulator = await startEmulator({
      log: () => {},
      taskRoot: TASK_ROOT,
      functions: [
        { name: 'tinyRx', handler: 'bench.tinyRx', runtime: 'rx-lambda', responseMode: 'buffered' },
        { name: 'tinyRic', handler: 'bench.tinyRic', runtime: 'nodejs' },
      ],
    });
  },
  async teardown() {
    await shared.emulator?.close();
  },
  ours: (ctx) => invokesPerSecond('tinyRx', ctx.quick ? QUICK_INVOKES : INVOKES),
  peer: (ctx) => invokesPerSecond('tinyRic', ctx.quick ? QUICK_INVOKES : INVOKES),
};

export default scenario;
