import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { ResolvedFunction } from '../config/FunctionConfig.js';
import { nodeMemoryFlags } from './nodeMemoryFlags.js';

/** How to start a function's runtime process, or why it cannot start. */
export type RuntimeCommand =
  | { readonly kind: 'spawn'; readonly command: string; readonly args: readonly string[] }
  | { readonly kind: 'unavailable'; readonly errorType: string; readonly message: string };

/**
 * The command that starts a function's runtime, the way Lambda starts one: our
 * `rx-lambda-bootstrap`, AWS's `aws-lambda-ric`, or the function's own `bootstrap`.
 * Always a file to execute directly, never a shell line. Node runtimes get the heap
 * limits of the function's `memoryMB` (`nodeMemoryFlags`).
 *
 * @example
 * ```ts
 * const command = runtimeCommand(fn);
 * if (command.kind === 'spawn') spawn(command.command, command.args, { shell: false });
 * ```
 */
export function runtimeCommand(fn: ResolvedFunction): RuntimeCommand {
  switch (fn.runtime) {
    case 'rx-lambda': {
      // These paths hold from src/emulator/environments (tsx) and from dist/emulator/environments alike.
      const bin = new URL('../../../bin/rx-lambda-bootstrap.js', import.meta.url);
      const built = new URL('../../../dist/runtime/bootstrap.js', import.meta.url);
      if (!existsSync(built)) {
        return {
          kind: 'unavailable',
          errorType: 'Runtime.InitError',
          message: `the rx-lambda runtime is not built: ${fileURLToPath(built)} is missing (run \`npm run build\`)`,
        };
      }
      return { kind: 'spawn', command: process.execPath, args: [...nodeMemoryFlags(fn.memoryMB), fileURLToPath(bin)] };
    }
    case 'nodejs': {
      let ric: string;
      try {
        ric = createRequire(import.meta.url).resolve('aws-lambda-ric');
      } catch {
        return {
          kind: 'unavailable',
          errorType: 'Runtime.InitError',
          message: "runtime 'nodejs' needs AWS's Node runtime client: install it with `npm install --save-dev aws-lambda-ric`",
        };
      }
      return { kind: 'spawn', command: process.execPath, args: [...nodeMemoryFlags(fn.memoryMB), ric, fn.handler] };
    }
    case 'provided':
      return { kind: 'spawn', command: fn.bootstrap!, args: [] };
  }
}
