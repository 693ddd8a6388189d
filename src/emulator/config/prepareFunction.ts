import { join } from 'node:path';
import { parseHandlerName } from '../../parseHandlerName.js';
import { buildHandler } from './buildHandler.js';
import type { ResolvedFunction } from './FunctionConfig.js';

/** Where the emulator writes a function's bundle, inside its task root (so packages resolve from the project). */
export const BUILD_FOLDER = '.rx-lambda/build';

/** A function ready to run, and the files its code came from. */
export interface PreparedFunction {
  readonly fn: ResolvedFunction;
  /** The source files of a built function (empty for one that runs as it is). */
  readonly inputs: readonly string[];
}

/**
 * Builds a function whose handler needs it (TypeScript, or `build` in its config) with
 * `buildHandler`, and points its `_HANDLER` at the bundle in `.rx-lambda/build/<name>/`
 * with Node's source maps on; other functions come back unchanged.
 *
 * @example
 * ```ts
 * const { fn, inputs } = await prepareFunction(resolveFunctionConfig(config, root));
 * ```
 */
export async function prepareFunction(fn: ResolvedFunction): Promise<PreparedFunction> {
  if (fn.buildEntry === undefined) return { fn, inputs: [] };
  const name = parseHandlerName(fn.handler)!;
  const folder = `${BUILD_FOLDER}/${fn.name}`;
  const build = await buildHandler({ entry: fn.buildEntry, outFile: join(fn.taskRoot, folder, `${name.module}.mjs`), cwd: fn.taskRoot });
  const nodeOptions = [fn.environment.NODE_OPTIONS, '--enable-source-maps'].filter(Boolean).join(' ');
  return {
    fn: { ...fn, handler: `${folder}/${name.module}.${name.exportPath}`, environment: { ...fn.environment, NODE_OPTIONS: nodeOptions } },
    inputs: build.inputs,
  };
}
