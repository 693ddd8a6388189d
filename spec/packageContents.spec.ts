import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { promisify } from 'node:util';

const REPO = new URL('../', import.meta.url).pathname;

describe('the npm package (npm pack)', function () {
  this.timeout(300_000);
  let files: Set<string>;
  before(async () => {
    // `npm pack` runs `prepare` (the build) first, so this lists a build of the current sources.
    const { stdout } = await promisify(execFile)('npm', ['pack', '--dry-run', '--json'], { cwd: REPO, timeout: 280_000, maxBuffer: 64 << 20 });
    const [report] = JSON.parse(stdout) as [{ files: { path: string }[] }];
    files = new Set(report.files.map((file) => file.path));
  });

  it('holds the license, the readme, both bins, every subpath entry and the package command', () => {
    const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { exports: Record<string, string | { default: string; types: string }>; bin: Record<string, string> };
    const required = ['LICENSE', 'README.md', 'package.json', 'dist/cli/packageCommand.js', 'dist/packager/packageHandler.js', 'dist/packager/bundleOptions.js'];
    for (const bin of Object.values(manifest.bin)) required.push(posix.normalize(bin));
    for (const entry of Object.values(manifest.exports)) {
      if (typeof entry === 'string') required.push(posix.normalize(entry));
      else required.push(posix.normalize(entry.default), posix.normalize(entry.types));
    }
    for (const path of required) assert.ok(files.has(path), `${path} is in the package`);
  });

  it('leaves out specs, benchmarks, examples, scripts and build output of the examples', () => {
    const stray = [...files].filter((path) => /^(spec|bench|examples|scripts|reliability|coverage|docs)\//.test(path));
    assert.deepEqual(stray, []);
  });

  it('ships the sources of every source map it ships', () => {
    const maps = [...files].filter((path) => path.endsWith('.map'));
    assert.ok(maps.length > 0, 'the package has source maps');
    const missing: string[] = [];
    for (const map of maps) {
      const { sources } = JSON.parse(readFileSync(join(REPO, map), 'utf8')) as { sources: string[] };
      for (const source of sources) {
        const path = posix.normalize(posix.join(dirname(map), source));
        if (!files.has(path)) missing.push(`${map} → ${path}`);
      }
    }
    assert.deepEqual(missing.slice(0, 5), [], `${missing.length} map sources are not in the package`);
  });

  it('asks for a Node that undici 8 runs on', () => {
    const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { engines: { node: string } };
    assert.equal(manifest.engines.node, '>=22.19');
  });
});

describe('the root entry (rx-lambda, src/index.ts)', () => {
  it('carries what handlers use and leaves the wire codecs to rx-lambda/wire', async () => {
    const root = (await import('../src/index.js')) as Record<string, unknown>;
    const wire = (await import('../src/wire/index.js')) as Record<string, unknown>;
    for (const name of ['head', 'ndjson', 'sse', 'fromReadable', 'pull', 'RxLambdaError', 'MissingCredentialsError']) assert.ok(name in root, `${name} in rx-lambda`);
    for (const name of ['EventStreamDecoder', 'encodeEventStreamMessage', 'encodeHttpPrelude', 'HttpPreludeSplitter', 'toLambdaError']) {
      assert.ok(!(name in root), `${name} not in rx-lambda`);
      assert.ok(name in wire, `${name} in rx-lambda/wire`);
    }
  });

  it('is declared free of side effects, so bundlers drop what a handler does not import', () => {
    const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { sideEffects?: boolean };
    assert.equal(manifest.sideEffects, false);
  });
});
