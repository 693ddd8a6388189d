import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { EmulatorConfigError } from '../../errors.js';

/**
 * Reads a configuration file as text, with its absolute path; a file that cannot be read
 * is an `EmulatorConfigError` that names it.
 *
 * @example
 * ```ts
 * const { file, text } = await readConfigFile('template.yaml');
 * ```
 */
export async function readConfigFile(path: string): Promise<{ file: string; text: string }> {
  const file = resolve(path);
  try {
    return { file, text: await readFile(file, 'utf8') };
  } catch (cause) {
    throw new EmulatorConfigError(`cannot read ${file}: ${(cause as Error).message}`, { cause });
  }
}
