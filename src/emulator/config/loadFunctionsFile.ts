/* eslint-disable @typescript-eslint/no-unnecessary-condition -- validates values read from JSON, YAML and untyped JavaScript callers: the checks the types call unnecessary are the validation */
import { dirname } from 'node:path';
import { readConfigFile } from './readConfigFile.js';
import { EmulatorConfigError } from '../../errors.js';
import { FUNCTION_CONFIG_KEYS, type FunctionConfig } from './FunctionConfig.js';

/** The functions of a `functions.json`, and the folder their handlers are relative to. */
export interface FunctionsFile {
  readonly functions: readonly FunctionConfig[];
  /** The folder of the file: the functions' `LAMBDA_TASK_ROOT`. */
  readonly taskRoot: string;
  /** Keys no function config has (a typo, or a SAM property): each one line. */
  readonly warnings: readonly string[];
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
  const { file, text } = await readConfigFile(path);
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
  const warnings = (functions as Record<string, unknown>[]).flatMap((fn, index) =>
    typeof fn === 'object' && fn !== null
      ? Object.keys(fn)
          .filter((key) => !(FUNCTION_CONFIG_KEYS as readonly string[]).includes(key))
          .map((key) => `${file}: function ${JSON.stringify(fn.name ?? index)}: unknown key ${JSON.stringify(key)} is ignored`)
      : [],
  );
  return { functions: functions as FunctionConfig[], taskRoot: dirname(file), warnings };
}
