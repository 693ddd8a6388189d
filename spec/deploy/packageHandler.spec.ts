import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { unzipSync } from 'fflate';
import { lastValueFrom, toArray } from 'rxjs';
import { httpResponse, invokeStream, text, type HttpResponseEvent } from 'rx-lambda/client';
import { startEmulator } from 'rx-lambda/emulator';
import { localTarget } from '../../examples/exampleFunctions.js';
import { packageHandler, resolveHandler } from '../../scripts/packageHandler.js';

const REPO = new URL('../../', import.meta.url).pathname;
const EXPECTED_BODY = [1, 2, 3, 4, 5].map((n) => `line ${n} of 5\n`).join('');

/** File name → Unix mode, from a zip's central directory (PKWARE APPNOTE 4.3.12). */
function zipModes(zip: Uint8Array): Record<string, number> {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = zip.byteLength - 22;
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end -= 1;
  const entries = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const modes: Record<string, number> = {};
  for (let i = 0; i < entries; i++) {
    assert.equal(view.getUint32(at, true), 0x02014b50);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const name = new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength));
    modes[name] = view.getUint32(at + 38, true) >>> 16;
    at += 46 + nameLength + extraLength + commentLength;
  }
  return modes;
}

/** Unzips into `dir`, giving each file its mode from the zip, as Lambda does. */
function extract(zipPath: string, dir: string): void {
  const zip = readFileSync(zipPath);
  const modes = zipModes(zip);
  for (const [name, bytes] of Object.entries(unzipSync(zip))) {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, bytes);
    chmodSync(path, modes[name]! & 0o777);
  }
}

describe('packageHandler', function () {
  this.timeout(60_000);
  let work: string;
  before(() => {
    work = mkdtempSync(join(tmpdir(), 'rx-lambda-package-'));
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it('writes a provided.al2023 zip with an executable bootstrap and a nodejs24.x zip with index.mjs', async () => {
    const [provided, nodejs] = await packageHandler({ handler: 'examples/deploy/handler.handler', outDir: join(work, 'build'), cwd: REPO });
    assert.equal(provided.path, join(work, 'build', 'provided.al2023.zip'));
    assert.equal(nodejs.path, join(work, 'build', 'nodejs24.x.zip'));
    const providedModes = zipModes(readFileSync(provided.path));
    assert.equal(providedModes.bootstrap, 0o100755);
    assert.equal(providedModes['runtime.mjs'], 0o100644);
    assert.deepEqual(Object.keys(zipModes(readFileSync(nodejs.path))), ['index.mjs']);
    assert.equal(nodejs.handlerSetting, 'index.handler');
  });

  it('runs both bundles in the emulator: the bootstrap as runtime provided, index.mjs under aws-lambda-ric', async () => {
    await packageHandler({ handler: 'examples/deploy/handler.handler', outDir: join(work, 'run'), cwd: REPO });
    const providedDir = join(work, 'provided');
    const nodejsDir = join(work, 'nodejs');
    extract(join(work, 'run', 'provided.al2023.zip'), providedDir);
    extract(join(work, 'run', 'nodejs24.x.zip'), nodejsDir);
    const emulator = await startEmulator({
      log: () => {},
      functions: [
        // The bootstrap ignores _HANDLER (the handler is bundled); RX_LAMBDA_NODE stands in for a Node layer.
        { name: 'deployed-provided', runtime: 'provided', handler: join(providedDir, 'runtime.handler'), invokeMode: 'RESPONSE_STREAM', environment: { RX_LAMBDA_NODE: process.execPath } },
        { name: 'deployed-nodejs', runtime: 'nodejs', handler: join(nodejsDir, 'index.handler'), invokeMode: 'RESPONSE_STREAM' },
      ],
    });
    try {
      for (const functionName of ['deployed-provided', 'deployed-nodejs']) {
        const call = () => invokeStream({ ...localTarget(emulator.url), functionName, payload: {} }).pipe(httpResponse());
        const [head] = await lastValueFrom(call().pipe(toArray()));
        const body = (await lastValueFrom(call().pipe(text(), toArray()))).join('');
        const { statusCode, headers } = head as Extract<HttpResponseEvent, { type: 'Head' }>;
        assert.equal(statusCode, 200, functionName);
        assert.equal(headers['x-function'], functionName);
        assert.equal(body, EXPECTED_BODY, functionName);
      }
    } finally {
      await emulator.close();
    }
  });

  it('is what `npm run package` runs, printing both paths', async () => {
    const out = join(work, 'cli');
    const { stdout } = await promisify(execFile)(process.execPath, ['--import=tsx', 'scripts/package.ts', '--out', out], { cwd: REPO });
    assert.match(stdout, /provided\.al2023\.zip .* Handler: bootstrap/);
    assert.match(stdout, /nodejs24\.x\.zip .* Handler: index\.handler/);
    assert.ok(existsSync(join(out, 'provided.al2023.zip')) && existsSync(join(out, 'nodejs24.x.zip')));
  });

  describe('resolveHandler', () => {
    it('finds the module file of path/module.export', () => {
      assert.deepEqual(resolveHandler('examples/deploy/handler.handler', REPO), { modulePath: join(REPO, 'examples/deploy/handler.ts'), exportName: 'handler' });
    });

    it('rejects a handler without an export or without a module file', () => {
      assert.throws(() => resolveHandler('examples/deploy/handler', REPO), /path\/module\.export/);
      assert.throws(() => resolveHandler('examples/deploy/missing.handler', REPO), /no module for handler/);
    });
  });
});
