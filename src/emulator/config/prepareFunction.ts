import { existsSync } from 'node:fs';
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
 * with Node's source maps on; other functions come back unchanged (with `listInputs`, and
 * the files their handler module imports, for `--watch`).
 *
 * @example
 * ```ts
 * const { fn, inputs } = await prepareFunction(resolveFunctionConfig(config, root));
 * ```
 */
export async function prepareFunction(fn: ResolvedFunction, options: { readonly listInputs?: boolean } = {}): Promise<PreparedFunction> {
  if (fn.buildEntry === undefined) return { fn, inputs: options.listInputs ? await moduleInputs(fn) : [] };
  const name = parseHandlerName(fn.handler)!;
  const folder = `${BUILD_FOLDER}/${fn.name}`;
  const build = await buildHandler({ entry: fn.buildEntry, outFile: join(fn.taskRoot, folder, `${name.module}.mjs`), cwd: fn.taskRoot });
  const nodeOptions = [fn.environment.NODE_OPTIONS, '--enable-source-maps'].filter(Boolean).join(' ');
  return {
    fn: { ...fn, handler: `${folder}/${name.module}.${name.exportPath}`, environment: { ...fn.environment, NODE_OPTIONS: nodeOptions } },
    inputs: build.inputs,
  };
}

/** Extensions of a JavaScript handler module, in the order Lambda's Node runtime tries them. */
const JS_EXTENSIONS = ['.js', '.mjs', '.cjs'] as const;
/** Extensions of the module a `provided` bootstrap (`rx-lambda-bootstrap`) loads for `_HANDLER`: JavaScript, or TypeScript it runs with Node's type stripping. */
const BOOTSTRAP_EXTENSIONS = [...JS_EXTENSIONS, '.ts'] as const;

/** The files a handler's module imports (none when esbuild cannot read them, or for a `provided` bootstrap whose handler is not a module). */
async function moduleInputs(fn: ResolvedFunction): Promise<readonly string[]> {
  const name = parseHandlerName(fn.handler);
  if (name === undefined) return [];
  const base = join(fn.taskRoot, name.directory + name.module);
  const extensions = fn.runtime === 'provided' ? BOOTSTRAP_EXTENSIONS : JS_EXTENSIONS;
  const entry = extensions.map((extension) => base + extension).find((file) => existsSync(file));
  if (entry === undefined) return [];
  try {
    return (await buildHandler({ entry, outFile: `${base}.inputs.mjs`, cwd: fn.taskRoot, write: false })).inputs;
  } catch {
    return [];
  }
}
