import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { NodeBinaryError, PackagerError } from '../../src/errors.js';
import { packageHandler, resolveHandler } from '../../src/packager/packageHandler.js';
import { NODE_RUNTIME_VERSION } from '../../src/packager/resolveNodeBinary.js';
import { elfHeader, EM, MACH_O_HEADER } from './elfHeaders.js';
import { unzipTo, zipModes } from './unzipTo.js';

const REPO = new URL('../../', import.meta.url).pathname;
const FIXTURES = 'spec/fixtures/packager/handlers';
const STREAMING_TAG = Symbol.for('aws.lambda.runtime.handler.streaming');
const CONTEXT = {
  awsRequestId: 'req-1', functionName: 'fn', functionVersion: '$LATEST', invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:fn',
  memoryLimitInMB: '128', logGroupName: 'g', logStreamName: 's', getRemainingTimeInMillis: () => 30_000,
};

type Template = { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };

/** Runs `bootstrap` against a one-invocation Runtime API on port 0; resolves with the JSON it posts to /response. */
async function oneInvocation(bootstrap: string, taskRoot: string): Promise<unknown> {
  let posted: (body: string) => void = () => {};
  const answer = new Promise<string>((resolve) => (posted = resolve));
  let served = false;
  const server = createServer((req, res) => {
    if (req.url === '/2018-06-01/runtime/invocation/next' && !served) {
      served = true;
      res.writeHead(200, { 'lambda-runtime-aws-request-id': 'req-1', 'lambda-runtime-deadline-ms': String(Date.now() + 60_000), 'content-type': 'application/json' }).end('{}');
      return;
    }
    if (req.url === '/2018-06-01/runtime/invocation/next') return; // the next invocation never comes
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      res.writeHead(202).end();
      posted(`${req.url} ${Buffer.concat(chunks).toString('utf8')}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const child = spawn(bootstrap, [], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { PATH: process.env.PATH, RX_LAMBDA_NODE: process.execPath, LAMBDA_TASK_ROOT: taskRoot, AWS_LAMBDA_RUNTIME_API: `127.0.0.1:${(server.address() as AddressInfo).port}`, _HANDLER: 'x.handler' },
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<string>((resolve) => child.once('exit', (code) => resolve(`the bootstrap exited (${code}) before posting a response: ${stderr}`)));
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<string>((resolve) => (timer = setTimeout(() => resolve(`no response posted within 15 s: ${stderr}`), 15_000)));
  try {
    const first = await Promise.race([answer.then((text) => ({ text })), exited.then((failure) => ({ failure })), deadline.then((failure) => ({ failure }))]);
    if ('failure' in first) assert.fail(first.failure);
    const [path, ...body] = first.text.split(' ');
    assert.equal(path, '/2018-06-01/runtime/invocation/req-1/response', `posted to ${path}: ${body.join(' ')}`);
    return JSON.parse(body.join(' ')) as unknown;
  } finally {
    clearTimeout(timer);
    child.kill();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

describe('packageHandler', function () {
  this.timeout(60_000);
  let work: string;
  /** Files that stand in for Linux Node binaries: only their ELF header is read before packing. */
  let fakeNode: { x86_64: string; arm64: string; macos: string };
  before(() => {
    work = mkdtempSync(join(tmpdir(), 'rx-lambda-packager-'));
    fakeNode = { x86_64: join(work, 'node-x64'), arm64: join(work, 'node-arm64'), macos: join(work, 'node-macos') };
    writeFileSync(fakeNode.x86_64, elfHeader(EM.x86_64));
    writeFileSync(fakeNode.arm64, elfHeader(EM.aarch64));
    writeFileSync(fakeNode.macos, MACH_O_HEADER);
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  async function loadHandler(zip: string, dir: string): Promise<(...args: unknown[]) => unknown> {
    unzipTo(zip, join(work, dir));
    return ((await import(pathToFileURL(join(work, dir, 'index.mjs')).href)) as { handler: (...args: unknown[]) => unknown }).handler;
  }

  it('wraps with streamifyHandler for RESPONSE_STREAM: index.mjs exports a handler tagged for streaming', async () => {
    const result = await packageHandler({ handler: `${FIXTURES}.http`, outDir: join(work, 'stream'), cwd: REPO });
    assert.equal(result.functionZip.path, join(work, 'stream', 'nodejs24.x.zip'));
    assert.equal(result.handlerSetting, 'index.handler');
    const handler = await loadHandler(result.functionZip.path, 'stream-code');
    assert.equal((handler as unknown as Record<symbol, unknown>)[STREAMING_TAG], 'response');
  });

  it('wraps with bufferedHandler for BUFFERED: index.mjs exports a plain async handler that returns the result', async () => {
    const result = await packageHandler({ handler: `${FIXTURES}.nested.deep`, outDir: join(work, 'buffered'), cwd: REPO, target: { runtime: 'nodejs22.x', invokeMode: 'BUFFERED' } });
    assert.equal(result.functionZip.path, join(work, 'buffered', 'nodejs22.x.zip'));
    const handler = await loadHandler(result.functionZip.path, 'buffered-code');
    assert.equal((handler as unknown as Record<symbol, unknown>)[STREAMING_TAG], undefined);
    assert.deepEqual(await handler({ n: 21 }, CONTEXT), { twice: 42 });
  });

  it('bundles rxjs from its ES module build and leaves the client (undici, @smithy) out of a handler that does not call it', async () => {
    const result = await packageHandler({ handler: `${FIXTURES}.json`, outDir: join(work, 'diet'), cwd: REPO });
    unzipTo(result.functionZip.path, join(work, 'diet-code'));
    const map = JSON.parse(readFileSync(join(work, 'diet-code', 'index.mjs.map'), 'utf8')) as { sources: string[]; sourcesContent: string[] };
    assert.equal(map.sources.length, map.sourcesContent.length, 'the source map carries its sources');
    assert.ok(map.sources.some((source) => source.includes('rxjs/dist/esm/')), 'rxjs comes from dist/esm');
    assert.deepEqual(map.sources.filter((source) => /rxjs\/dist\/cjs|@smithy|undici|util-dynamodb|src\/wire\/EventStreamDecoder|src\/client\//.test(source)), []);
    assert.match(readFileSync(join(work, 'diet-code', 'index.mjs'), 'utf8'), /\/\/# sourceMappingURL=index\.mjs\.map\s*$/);
  });

  it('writes provided.al2023.zip with an executable bootstrap, runtime.cjs and the Node binary for the architecture', async () => {
    const result = await packageHandler({
      handler: `${FIXTURES}.json`, outDir: join(work, 'provided'), cwd: REPO,
      target: { runtime: 'provided.al2023', arch: 'arm64', invokeMode: 'BUFFERED' }, nodeBinary: fakeNode.arm64,
    });
    const modes = zipModes(readFileSync(result.functionZip.path));
    assert.deepEqual(modes, { 'runtime.cjs': 0o100644, 'runtime.cjs.map': 0o100644, bootstrap: 0o100755, 'bin/node': 0o100755 });
    unzipTo(result.functionZip.path, join(work, 'provided-code'));
    const bootstrap = readFileSync(join(work, 'provided-code', 'bootstrap'), 'utf8');
    assert.match(bootstrap, /RX_LAMBDA_RESPONSE_MODE="\$\{RX_LAMBDA_RESPONSE_MODE:-buffered\}"/);
    assert.match(bootstrap, /exec "\$node" "\$root\/runtime\.cjs"\n/);
    assert.deepEqual(readFileSync(join(work, 'provided-code', 'bin/node')), Buffer.from(elfHeader(EM.aarch64)));
    const fn = (parse(result.templateFragment) as Template).Resources.HandlersFunction!;
    assert.deepEqual(fn.Properties.Architectures, ['arm64']);
    assert.equal(fn.Properties.Handler, `${FIXTURES}.json`);
  });

  describe('the provided.al2023 bundle, run by its bootstrap against a Runtime API', () => {
    /** Packages `handler` for provided.al2023 (BUFFERED), runs the unzipped bootstrap on this Node (`RX_LAMBDA_NODE`) for one invocation and returns the zip's bundle name and the posted response. */
    async function runProvided(handler: string, dir: string): Promise<{ bundle: string; code: string; response: unknown }> {
      const result = await packageHandler({ handler, outDir: join(work, dir), cwd: REPO, target: { runtime: 'provided.al2023', invokeMode: 'BUFFERED' }, nodeBinary: fakeNode.x86_64 });
      const code = join(work, `${dir}-code`);
      unzipTo(result.functionZip.path, code);
      const bundle = result.functionZip.files.find((file) => file.startsWith('runtime.') && !file.endsWith('.map'))!;
      return { bundle, code, response: await oneInvocation(join(code, 'bootstrap'), code) };
    }

    it('is CommonJS (runtime.cjs) and keeps import.meta.url, dirname and filename pointing at the bundle', async () => {
      const { bundle, code, response } = await runProvided('spec/fixtures/packager/metaHandler.handler', 'meta');
      assert.equal(bundle, 'runtime.cjs');
      assert.deepEqual(response, { url: pathToFileURL(join(code, 'runtime.cjs')).href, dirname: code, filename: join(code, 'runtime.cjs') });
    });

    it('is an ES module (runtime.mjs) when the code has top-level await or other import.meta uses', async () => {
      const awaited = await runProvided('spec/fixtures/packager/moduleOnly.awaited', 'tla');
      assert.equal(awaited.bundle, 'runtime.mjs');
      assert.deepEqual(awaited.response, { greeting: 'awaited at load' });
      assert.match(readFileSync(join(awaited.code, 'bootstrap'), 'utf8'), /exec "\$node" "\$root\/runtime\.mjs"\n/);
      const resolves = await runProvided('spec/fixtures/packager/metaResolve.handler', 'meta-resolve');
      assert.equal(resolves.bundle, 'runtime.mjs');
      assert.deepEqual(resolves.response, { resolved: true });
    });
  });

  it('with layer, puts Node in its own layer zip that the template references, and keeps it out of the function zip', async () => {
    const result = await packageHandler({
      handler: `${FIXTURES}.http`, outDir: join(work, 'layer'), cwd: REPO, layer: true,
      target: { runtime: 'provided.al2023' }, nodeBinary: fakeNode.x86_64,
    });
    assert.deepEqual(result.functionZip.files, ['runtime.cjs', 'runtime.cjs.map', 'bootstrap']);
    assert.equal(result.layerZip?.path, join(work, 'layer', `node-${NODE_RUNTIME_VERSION}-x86_64-layer.zip`));
    assert.deepEqual(zipModes(readFileSync(result.layerZip.path)), { 'bin/node': 0o100755 });
    const template = parse(result.templateFragment) as Template;
    const layer = template.Resources.HandlersFunctionNodeLayer!;
    assert.equal(layer.Type, 'AWS::Serverless::LayerVersion');
    assert.match(layer.Properties.ContentUri as string, new RegExp(`layer/node-${NODE_RUNTIME_VERSION.replace(/\./g, '\\.')}-x86_64-layer\\.zip$`));
    assert.deepEqual(layer.Properties.CompatibleArchitectures, ['x86_64']);
    assert.deepEqual(template.Resources.HandlersFunction!.Properties.Layers, [{ Ref: 'HandlersFunctionNodeLayer' }]);
  });

  it('refuses a Node binary for another architecture or system, writing nothing', async () => {
    const out = join(work, 'refused');
    await assert.rejects(
      packageHandler({ handler: `${FIXTURES}.json`, outDir: out, cwd: REPO, target: { runtime: 'provided.al2023', arch: 'x86_64' }, nodeBinary: fakeNode.arm64 }),
      (error: unknown) => error instanceof NodeBinaryError && error.expected === 'x86_64' && error.actual === 'arm64' && /needs a Linux x86_64 ELF executable/.test(error.message),
    );
    await assert.rejects(
      packageHandler({ handler: `${FIXTURES}.json`, outDir: out, cwd: REPO, target: { runtime: 'provided.al2023', arch: 'arm64' }, nodeBinary: fakeNode.macos }),
      (error: unknown) => error instanceof NodeBinaryError && /is a macOS \(Mach-O\) executable/.test(error.message),
    );
    assert.equal(existsSync(out), false);
  });

  it('refuses --layer and --node-binary for the managed runtimes, and a handler export that is not a function', async () => {
    await assert.rejects(packageHandler({ handler: `${FIXTURES}.json`, outDir: join(work, 'x'), cwd: REPO, layer: true }), PackagerError);
    const result = await packageHandler({ handler: `${FIXTURES}.notAFunction`, outDir: join(work, 'naf'), cwd: REPO });
    await assert.rejects(loadHandler(result.functionZip.path, 'naf-code'), /spec\/fixtures\/packager\/handlers\.notAFunction is not an exported function/);
  });

  it('refuses a handler whose module has no such export, for both runtimes, writing nothing', async () => {
    for (const runtime of ['nodejs24.x', 'provided.al2023'] as const) {
      await assert.rejects(
        packageHandler({ handler: `${FIXTURES}.nothere`, target: { runtime }, outDir: join(work, `none-${runtime}`), cwd: REPO, ...(runtime === 'provided.al2023' ? { nodeBinary: process.execPath } : {}) }),
        (error: unknown) => error instanceof PackagerError && /handlers\.\w+ has no export named "nothere"/.test(error.message),
      );
      assert.equal(existsSync(join(work, `none-${runtime}`)), false);
    }
  });

  it('names an esbuild failure with its file and line', async () => {
    writeFileSync(join(work, 'broken.ts'), 'export const handler = (;\n');
    await assert.rejects(packageHandler({ handler: 'broken.handler', outDir: 'out', cwd: work }), (error: unknown) => error instanceof PackagerError && /broken\.ts:1:/.test(error.message));
  });

  describe('resolveHandler', () => {
    it('finds the module file of path/module.export, TypeScript first', () => {
      assert.deepEqual(resolveHandler('examples/deploy/handler.handler', REPO), { modulePath: join(REPO, 'examples/deploy/handler.ts'), exportPath: 'handler', moduleName: 'handler' });
    });

    it('rejects a handler without an export or without a module file', () => {
      assert.throws(() => resolveHandler('examples/deploy/handler', REPO), (error: unknown) => error instanceof PackagerError && /path\/module\.export/.test(error.message));
      assert.throws(() => resolveHandler('examples/deploy/missing.handler', REPO), /no module for handler .* tried missing\.ts, missing\.mts/);
    });
  });
});
