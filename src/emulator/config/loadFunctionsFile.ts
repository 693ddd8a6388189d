import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { EmulatorConfigError } from '../../errors.js';
import type { FunctionConfig } from './FunctionConfig.js';

/** The functions of a `functions.json`, and the folder their handlers are relative to. */
export interface FunctionsFile {
  readonly functions: readonly FunctionConfig[];
  /** The folder of the file: the functions' `LAMBDA_TASK_ROOT`. */
  readonly taskRoot: string;
}

/**
 * Reads `functions.json` (`{ "functions": [ <function config>, ... ] }`); throws
 * `EmulatorConfigError` when it cannot be read or has the wrong shape. Each function is
 * checked in full by `startEmulator`.
 *
 * @example
 * ```ts
 * const { functions, taskRoot } = await loadFunctionsFile('examples/functions.json');
 * const emulator = await startEmulator({ functions, taskRoot });
 * ```
 */
export async function loadFunctionsFile(path: string): Promise<FunctionsFile> {
  const file = resolve(path);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new EmulatorConfigError(`cannot read ${file}: ${(cause as Error).message}`, { cause });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new EmulatorConfigError(`${file} is not valid JSON: ${(cause as Error).message}`, { cause });
  }
  const functions = (value as { functions?: unknown } | null)?.functions;
  if (!Array.isArray(functions) || functions.length === 0) {
    throw new EmulatorConfigError(`${file} must be { "functions": [ <function config>, ... ] } with at least one function`);
  }
  return { functions: functions as FunctionConfig[], taskRoot: dirname(file) };
}
