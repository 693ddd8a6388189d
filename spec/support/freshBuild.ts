import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Mocha's global setup: fixtures, examples and the processes the emulator spawns load
 * `rx-lambda` from `dist/`, so a spec run after an edit must not test the previous build.
 * When any file under `src/` is newer than the newest file under `dist/` (or `dist/` is
 * missing), `dist/` is rebuilt from nothing first (so no file of a moved or deleted source
 * stays behind), with a line saying so.
 */
function newest(folder: string): number {
  let latest = 0;
  let entries: string[];
  try {
    entries = readdirSync(folder, { recursive: true, encoding: 'utf8' });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const stat = statSync(join(folder, entry));
    if (stat.isFile() && stat.mtimeMs > latest) latest = stat.mtimeMs;
  }
  return latest;
}

export function mochaGlobalSetup(): void {
  const root = new URL('../../', import.meta.url).pathname;
  const source = newest(join(root, 'src'));
  const built = newest(join(root, 'dist'));
  if (built >= source) return;
  process.stdout.write(`dist/ is older than src/: rebuilding it before the specs (npm run build)\n`);
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
}
