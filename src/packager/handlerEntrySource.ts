import type { PackageTarget } from './PackageTarget.js';

/**
 * The entry module a handler is bundled from, by target:
 * - `provided.al2023`: `runtime.cjs` (or `runtime.mjs`), which runs rx-lambda's runtime loop (`startRuntime`)
 *   on the handler;
 * - `nodejs22.x` / `nodejs24.x`: `index.mjs` exporting `handler`, the handler wrapped for the
 *   managed runtime: `streamifyHandler` for `RESPONSE_STREAM`, `bufferedHandler` for `BUFFERED`.
 *
 * `exportPath` may be dotted (`api.handler`); `describe` names the handler in messages.
 *
 * @example
 * ```ts
 * handlerEntrySource('/app/src/api.ts', 'handler', 'src/api.handler', { runtime: 'nodejs24.x', arch: 'arm64', invokeMode: 'BUFFERED' });
 * ```
 */
export function handlerEntrySource(modulePath: string, exportPath: string, describe: string, target: PackageTarget): string {
  const access = `userModule${exportPath.split('.').map((part) => `[${JSON.stringify(part)}]`).join('')}`;
  const notAFunction = JSON.stringify(`${describe} is not an exported function`);
  if (target.runtime === 'provided.al2023') {
    return [
      `import * as userModule from ${JSON.stringify(modulePath)};`,
      `import { startRuntime } from 'rx-lambda/runtime';`,
      `const handler = ${access};`,
      `if (typeof handler !== 'function') {`,
      `  console.error(${notAFunction});`,
      `  process.exit(1);`,
      `}`,
      `startRuntime(handler).then(() => process.exit(0), (error) => { console.error(error); process.exit(1); });`,
    ].join('\n');
  }
  const wrapper = target.invokeMode === 'RESPONSE_STREAM' ? 'streamifyHandler' : 'bufferedHandler';
  return [
    `import * as userModule from ${JSON.stringify(modulePath)};`,
    `import { ${wrapper} } from 'rx-lambda/runtime';`,
    `const userHandler = ${access};`,
    `if (typeof userHandler !== 'function') throw new TypeError(${notAFunction});`,
    `export const handler = ${wrapper}(userHandler);`,
  ].join('\n');
}
