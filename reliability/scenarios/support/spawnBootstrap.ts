import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TASK_ROOT } from './fixtureEmulator.js';

/** The built custom-runtime entry point (`npm run build` makes dist/runtime/bootstrap.js). */
const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../bin/rx-lambda-bootstrap.js');

/** A running `rx-lambda-bootstrap` process. */
export interface BootstrapProcess {
  readonly child: ChildProcess;
  /** Exit code (or signal name) and milliseconds from spawn to exit. */
  readonly exited: Promise<{ code: number | string | null; ms: number }>;
  output(): string;
}

/** Spawns `rx-lambda-bootstrap` against `runtimeApi` with `_HANDLER=handler` from the fixtures task root. */
export function spawnBootstrap(runtimeApi: string, handler: string, env: Record<string, string> = {}): BootstrapProcess {
  const started = performance.now();
  let output = '';
  const child = spawn(process.execPath, [BIN], {
    env: { PATH: process.env.PATH, AWS_LAMBDA_RUNTIME_API: runtimeApi, _HANDLER: handler, LAMBDA_TASK_ROOT: TASK_ROOT, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<{ code: number | string | null; ms: number }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code: code ?? signal, ms: performance.now() - started })),
  );
  return { child, exited, output: () => output };
}

/** Waits for `exited` at most `ms`; kills the process (and says so) when it is still running. */
export async function exitWithin(process_: BootstrapProcess, ms: number): Promise<{ code: number | string | null; ms: number } | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  const result = await Promise.race([process_.exited, late]);
  clearTimeout(timer);
  if (result === undefined) {
    process_.child.kill('SIGKILL');
    await process_.exited;
  }
  return result;
}
