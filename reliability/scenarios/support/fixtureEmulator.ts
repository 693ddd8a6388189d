import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator, type Emulator, type FunctionConfig } from '../../../src/emulator/index.js';

/** The task root of the reliability fixtures (handlers.mjs, the `provided` bootstrap). */
export const TASK_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/task');

/** Lines the emulator logged; the latest `LOG_KEPT_LINES` are kept. */
export interface FixtureEmulator extends Emulator {
  readonly logs: string[];
}

/** Log lines kept per emulator, count (enough for the checks, bounded for the soak). */
const LOG_KEPT_LINES = 2_000;

/** Starts an emulator on loopback serving `functions` from the fixtures task root, keeping its log. */
export async function startFixtureEmulator(functions: readonly FunctionConfig[]): Promise<FixtureEmulator> {
  const logs: string[] = [];
  const emulator = await startEmulator({
    functions,
    taskRoot: TASK_ROOT,
    log: (line) => {
      logs.push(line);
      if (logs.length > LOG_KEPT_LINES) logs.splice(0, logs.length - LOG_KEPT_LINES);
    },
  });
  return { url: emulator.url, close: () => emulator.close(), logs };
}

/** Credentials for calls to the emulator (never real). */
const EMULATOR_CREDENTIALS = { accessKeyId: 'AKIDRELIABILITY', secretAccessKey: 'reliability-secret' };

/** The client options every call to a fixture emulator shares: its endpoint, dummy credentials, no retries. */
export function fixtureTarget(emulator: Emulator) {
  return { endpoint: emulator.url, credentials: EMULATOR_CREDENTIALS, region: 'us-east-1', retry: false } as const;
}
