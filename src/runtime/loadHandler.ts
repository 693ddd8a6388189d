import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { HandlerLoadError } from '../errors.js';
import type { Handler } from '../handler.js';
import { parseHandlerName } from '../parseHandlerName.js';

/** Extensions tried, in order, after the bare module name. Source: AWS Node runtime order, plus TypeScript. */
const EXTENSIONS = ['', '.js', '.mjs', '.cjs', '.ts', '.mts', '.cts'] as const;

function isFile(file: string): boolean {
  return existsSync(file) && statSync(file).isFile();
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * Loads the handler named by `_HANDLER` (`path/module.export`, the export may be nested:
 * `module.obj.fn`) relative to `taskRoot`, trying `.js`, `.mjs`, `.cjs` and `.ts`.
 * Failures are `HandlerLoadError`s with Lambda's error types: `Runtime.MalformedHandlerName`,
 * `Runtime.ImportModuleError` (missing module, missing dependency, the module threw),
 * `Runtime.UserCodeSyntaxError`, `Runtime.HandlerNotFound`.
 *
 * @example
 * ```ts
 * const handler = await loadHandler('src/app.handler', '/var/task');
 * ```
 */
export async function loadHandler(handlerString: string, taskRoot: string): Promise<Handler> {
  const name = parseHandlerName(handlerString);
  if (name === undefined) {
    throw new HandlerLoadError(`_HANDLER ${JSON.stringify(handlerString)} is not of the form path/module.export`, 'Runtime.MalformedHandlerName');
  }
  const { module: moduleName, exportPath } = name;
  const stem = path.resolve(taskRoot, name.directory, moduleName);
  const file = EXTENSIONS.map((ext) => stem + ext).find(isFile);
  if (file === undefined) {
    throw new HandlerLoadError(
      `Cannot find module '${moduleName}' for handler ${handlerString} (looked for ${stem}{${EXTENSIONS.filter(Boolean).join(',')}})`,
      'Runtime.ImportModuleError',
    );
  }
  let mod: unknown;
  try {
    mod = await import(pathToFileURL(file).href);
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (code === 'ERR_UNKNOWN_FILE_EXTENSION' && /\.[mc]?ts$/.test(file)) {
      throw new HandlerLoadError(
        `cannot load TypeScript handler ${file}: this Node.js (${process.version}) does not strip types by default; ` +
          'use Node.js >= 23.6 (24.x), or on 22.6+ set NODE_OPTIONS=--experimental-strip-types, or compile to .js',
        'Runtime.ImportModuleError',
        { cause: error },
      );
    }
    if (error instanceof SyntaxError) {
      throw new HandlerLoadError(`syntax error in ${file}: ${error.message}`, 'Runtime.UserCodeSyntaxError', { cause: error });
    }
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
      throw new HandlerLoadError(`loading ${file} failed: ${describe(error)}`, 'Runtime.ImportModuleError', { cause: error });
    }
    throw new HandlerLoadError(`module ${file} threw while loading: ${describe(error)}`, 'Runtime.ImportModuleError', { cause: error });
  }
  const find = (root: unknown): unknown =>
    exportPath.split('.').reduce<unknown>((at, key) => (typeof at === 'object' || typeof at === 'function') && at !== null ? (at as Record<string, unknown>)[key] : undefined, root);
  let handler = find(mod);
  if (handler === undefined) handler = find((mod as { default?: unknown }).default);
  if (handler === undefined) {
    throw new HandlerLoadError(`${handlerString} is undefined or not exported by ${file}`, 'Runtime.HandlerNotFound');
  }
  if (typeof handler !== 'function') {
    throw new HandlerLoadError(`${handlerString} is not a function (it is ${typeof handler})`, 'Runtime.HandlerNotFound');
  }
  return handler as Handler;
}
