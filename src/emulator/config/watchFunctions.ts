import { watch, type FSWatcher } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { parseHandlerName } from '../../parseHandlerName.js';
import type { FunctionPool } from '../environments/FunctionPool.js';
import type { ResolvedFunction } from './FunctionConfig.js';
import { prepareFunction } from './prepareFunction.js';

/** Quiet time after the last change before a function is rebuilt, milliseconds (editors write a file in several steps). Source: the emulator's own choice. */
export const WATCH_DEBOUNCE_MS = 100;

/** Folders never watched: dependencies, the emulator's own builds, version control. */
const IGNORED = /(^|[\\/])(node_modules|\.rx-lambda|\.git|\.aws-sam)([\\/]|$)/;

/** One function to watch: its pool, its config before any build, and the files its last build read. */
export interface WatchedFunction {
  readonly pool: FunctionPool;
  readonly source: ResolvedFunction;
  inputs: readonly string[];
}

/**
 * `--watch`: an edit of any module a function's handler imports (TypeScript or JavaScript,
 * as esbuild follows them; for `provided`, the handler its bootstrap loads) or of its
 * bootstrap (when the imports cannot be read: any file in the handler's folder) rebuilds
 * it (TypeScript through esbuild) and reloads its pool: later invocations run the new code
 * in fresh environments while those in flight finish on the old ones. Writes one console
 * line per reload, or the build's errors (the old code keeps serving).
 *
 * @example
 * ```ts
 * const watcher = watchFunctions([{ pool, source: fn, inputs: [] }], console.log);
 * watcher.close();
 * ```
 */
export function watchFunctions(functions: readonly WatchedFunction[], log: (line: string) => void): { close(): void } {
  const watchers: FSWatcher[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const watched = new Set<string>();
  /** The rebuild waiting for quiet, per function. */
  const pendingTimers = new Map<WatchedFunction, NodeJS.Timeout>();
  let closed = false;

  const schedule = (target: WatchedFunction, file: string): void => {
    const pending = pendingTimers.get(target);
    if (pending) clearTimeout(pending);
    const timer = setTimeout(() => {
      timers.delete(timer);
      pendingTimers.delete(target);
      void prepareFunction(target.source, { listInputs: true }).then(
        (prepared) => {
          if (closed) return;
          target.inputs = prepared.inputs;
          for (const input of prepared.inputs) watchFolder(dirname(input));
          target.pool.reload(prepared.fn);
          log(`[watch] reloaded ${target.source.name}: ${relative(process.cwd(), file) || file} changed`);
        },
        (error: unknown) => log(`[watch] ${target.source.name} not reloaded: ${error instanceof Error ? error.message : String(error)}`),
      );
    }, WATCH_DEBOUNCE_MS);
    timers.add(timer);
    pendingTimers.set(target, timer);
  };

  const changed = (file: string): void => {
    if (IGNORED.test(file)) return;
    for (const target of functions) if (affects(target, file)) schedule(target, file);
  };

  function watchFolder(folder: string): void {
    if (IGNORED.test(folder) || watched.has(folder)) return;
    try {
      const watcher = watch(folder, (_event, name) => {
        if (name !== null) changed(resolve(folder, name));
      });
      watcher.on('error', () => undefined);
      watchers.push(watcher);
      watched.add(folder);
    } catch (error) {
      log(`[watch] cannot watch ${folder}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  for (const target of functions) {
    watchFolder(handlerFolder(target.source));
    for (const input of target.inputs) watchFolder(dirname(input));
  }
  return {
    close() {
      closed = true;
      for (const watcher of watchers) watcher.close();
      for (const timer of timers) clearTimeout(timer);
    },
  };
}

/**
 * Whether an edit of `file` changes what a function runs: its bootstrap, or one of the files
 * its handler module was built from; when those are not known (a module esbuild could not
 * read), any file in its handler's folder.
 */
function affects(target: WatchedFunction, file: string): boolean {
  if (file === target.source.bootstrap) return true;
  if (target.inputs.length > 0) return target.inputs.includes(file);
  return dirname(file) === handlerFolder(target.source);
}

/** The folder of a function's handler module (of its bootstrap, for `provided`). */
function handlerFolder(fn: ResolvedFunction): string {
  if (fn.runtime === 'provided' && fn.bootstrap !== undefined) return dirname(fn.bootstrap);
  return resolve(fn.taskRoot, parseHandlerName(fn.handler)?.directory ?? '');
}
