/* eslint-disable @typescript-eslint/no-unnecessary-condition -- validates values read from JSON, YAML and untyped JavaScript callers: the checks the types call unnecessary are the validation */
import { EmulatorConfigError } from '../../errors.js';
import type { FunctionConfig } from './FunctionConfig.js';
import { readConfigFile } from './readConfigFile.js';

/**
 * `--env-vars file.json` in AWS SAM's format: `{ "Parameters": { NAME: value } }` for every
 * function and `{ "<function name>": { NAME: value } }` for one. As with `sam local`, only
 * variables the function already declares are overridden; others, and sections that name
 * no function, come back as warnings.
 *
 * @example
 * ```ts
 * const { functions, warnings } = await applyEnvVars(template.functions, 'env.json');
 * ```
 */
export async function applyEnvVars(
  functions: readonly FunctionConfig[],
  path: string,
): Promise<{ functions: FunctionConfig[]; warnings: string[] }> {
  const { file, text } = await readConfigFile(path);
  let sections: Record<string, Record<string, unknown>>;
  try {
    sections = JSON.parse(text) as typeof sections;
  } catch (cause) {
    throw new EmulatorConfigError(`--env-vars ${file}: ${(cause as Error).message}`, { cause });
  }
  if (typeof sections !== 'object' || sections === null || Array.isArray(sections)) {
    throw new EmulatorConfigError(`--env-vars ${file} must be { "Parameters": {...}, "<function>": {...} }`);
  }
  const warnings: string[] = [];
  const names = new Set(functions.map((fn) => fn.name));
  for (const section of Object.keys(sections)) {
    if (section !== 'Parameters' && !names.has(section)) warnings.push(`--env-vars: ${section} names no function`);
  }
  const updated = functions.map((fn) => {
    const environment: Record<string, string> = { ...fn.environment };
    for (const section of ['Parameters', fn.name]) {
      for (const [name, value] of Object.entries(sections[section] ?? {})) {
        if (!Object.hasOwn(environment, name)) {
          if (section === fn.name) warnings.push(`--env-vars: ${fn.name}.${name} is not declared in the function's environment and is ignored (as sam local does)`);
          continue;
        }
        environment[name] = String(value);
      }
    }
    return { ...fn, environment };
  });
  return { functions: updated, warnings };
}
