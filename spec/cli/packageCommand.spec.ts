import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { lastValueFrom, toArray } from 'rxjs';
import { parse } from 'yaml';
import { httpResponse, invoke, invokeStream, text, type HttpResponseEvent } from 'rx-lambda/client';
import { startEmulator } from 'rx-lambda/emulator';
import { packageCommand } from '../../src/cli/packageCommand.js';
import { unzipTo, zipModes } from '../packager/unzipTo.js';

const REPO = new URL('../../', import.meta.url).pathname;
/** The Linux x86-64 Node this machine already has (the `node` devDependency), so no test downloads one. */
const INSTALLED_LINUX_NODE = join(REPO, 'node_modules/node/bin/node');
const run = promisify(execFile);

/** A user's TypeScript handler: a JSON answer, or a streamed HTTP response when asked to stream. */
const USER_HANDLER = `import { concat, map, of, range } from 'rxjs';
import { head, type Handler } from 'rx-lambda';

interface Ask { stream?: boolean; name?: string }

export const handler: Handler<Ask> = (event, context) =>
  event.stream
    ? concat(
        of(head({ statusCode: 201, headers: { 'content-type': 'text/plain', 'x-function': context.functionName } })),
        range(1, 3).pipe(map((n: number): string => \`part \${n}\\n\`)),
      )
    : of({ hello: event.name ?? 'nobody', from: context.functionName });
`;

/** Runs a command in the user's project with this Node first on PATH (npx picks the project's own bin). */
async function inProject(project: string, command: string, args: string[], timeout: number): Promise<{ stdout: string; stderr: string }> {
  const env = { ...process.env, PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`, npm_config_update_notifier: 'false' };
  return run(command, args, { cwd: project, env, timeout, maxBuffer: 16 << 20 });
}

describe('rx-lambda package (from the npm tarball, in a fresh project)', function () {
  this.timeout(600_000);
  let work: string;
  let project: string;

  before(async function () {
    work = mkdtempSync(join(tmpdir(), 'rx-lambda-tarball-'));
    project = join(work, 'project');
    mkdirSync(join(project, 'src'), { recursive: true });
    // `npm pack` runs `prepare`, so the tarball holds a build of the current sources.
    const packed = await run('npm', ['pack', '--json', '--pack-destination', work], { cwd: REPO, timeout: 300_000, maxBuffer: 16 << 20 });
    const [{ filename }] = JSON.parse(packed.stdout) as [{ filename: string }];
    const rxjsVersion = (JSON.parse(readFileSync(join(REPO, 'node_modules/rxjs/package.json'), 'utf8')) as { version: string }).version;
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'my-function', private: true, type: 'module' }, null, 2));
    writeFileSync(join(project, 'src', 'api.ts'), USER_HANDLER);
    await inProject(project, 'npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', join(work, filename), `rxjs@${rxjsVersion}`], 300_000);
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  for (const runtime of ['nodejs24.x', 'provided.al2023'] as const) {
    for (const invokeMode of ['RESPONSE_STREAM', 'BUFFERED'] as const) {
      it(`packages a TypeScript handler for ${runtime} ${invokeMode}; the unzipped zip answers in the emulator and the template names it`, async () => {
        const out = `build/${runtime}-${invokeMode}`;
        const args = ['rx-lambda', 'package', 'src/api.handler', '--runtime', runtime, '--invoke-mode', invokeMode, '--out', out];
        if (runtime === 'provided.al2023') args.push('--node-binary', INSTALLED_LINUX_NODE);
        const { stdout } = await inProject(project, 'npx', args, 120_000);

        const zipPath = join(project, out, `${runtime}.zip`);
        const handlerSetting = runtime === 'provided.al2023' ? 'src/api.handler' : 'index.handler';
        const template = parse(stdout) as { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };
        const [fn] = Object.values(template.Resources).filter((resource) => resource.Type === 'AWS::Serverless::Function');
        assert.ok(fn, `a function resource in:\n${stdout}`);
        assert.equal(fn.Properties.CodeUri, `${out}/${runtime}.zip`);
        assert.equal(fn.Properties.Handler, handlerSetting);
        assert.equal(fn.Properties.Runtime, runtime);
        assert.deepEqual(fn.Properties.FunctionUrlConfig, { AuthType: 'AWS_IAM', InvokeMode: invokeMode });

        const modes = zipModes(readFileSync(zipPath));
        const code = join(work, 'unzipped', `${runtime}-${invokeMode}`);
        unzipTo(zipPath, code);
        if (runtime === 'provided.al2023') {
          assert.equal(modes.bootstrap, 0o100755);
          assert.equal(modes['bin/node'], 0o100755);
        } else {
          assert.deepEqual(Object.keys(modes).sort(), ['index.mjs', 'index.mjs.map']);
        }

        const name = `fn-${runtime.replace(".", "-")}-${invokeMode}`;
        const emulator = await startEmulator({
          log: () => {},
          functions: [
            runtime === 'provided.al2023'
              // The emulator's task root is the handler's folder (the zip's root here; the bootstrap
              // ignores _HANDLER). A minimal PATH: no Node but the zip's own.
              ? { name, runtime: 'provided', handler: join(code, 'bootstrap.handler'), invokeMode, environment: { PATH: '/usr/bin:/bin' } }
              : { name, runtime: 'nodejs', handler: join(code, handlerSetting), invokeMode },
          ],
        });
        try {
          const target = { endpoint: emulator.url, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
          const [result] = await lastValueFrom(invoke({ ...target, functionName: name, payload: { name: 'Ada' } }).pipe(toArray()));
          assert.deepEqual(JSON.parse(new TextDecoder().decode(result!.payload)), { hello: 'Ada', from: name });
          if (invokeMode === 'BUFFERED') {
            // Buffered: an HTTP response comes back whole, as a proxy result (no streaming prelude).
            const [http] = await lastValueFrom(invoke({ ...target, functionName: name, payload: { stream: true } }).pipe(toArray()));
            const proxy = JSON.parse(new TextDecoder().decode(http!.payload)) as { statusCode: number; headers: Record<string, string>; body: string };
            assert.equal(proxy.statusCode, 201);
            assert.equal(proxy.headers['x-function'], name);
            assert.equal(proxy.body, 'part 1\npart 2\npart 3\n');
          } else {
            const events = await lastValueFrom(invokeStream({ ...target, functionName: name, payload: { stream: true } }).pipe(httpResponse(), toArray()));
            const headEvent = events[0] as Extract<HttpResponseEvent, { type: 'Head' }>;
            assert.equal(headEvent.statusCode, 201);
            assert.equal(headEvent.headers['x-function'], name);
            const body = await lastValueFrom(invokeStream({ ...target, functionName: name, payload: { stream: true } }).pipe(httpResponse(), text(), toArray()));
            assert.equal(body.join(''), 'part 1\npart 2\npart 3\n');
          }
        } finally {
          await emulator.close();
        }
      });
    }
  }
});

describe('packageCommand', () => {
  function io() {
    const out = { stdout: '', stderr: '' };
    return { out, io: { stdout: { write: (t: string) => (out.stdout += t) }, stderr: { write: (t: string) => (out.stderr += t) } } };
  }

  it('answers bad arguments with the usage and exit code 2', async () => {
    for (const argv of [[], ['a.handler', 'b.handler'], ['a.handler', '--runtime', 'nodejs18.x'], ['a.handler', '--arch', 'ppc64'], ['a.handler', '--invoke-mode', 'STREAM'], ['a.handler', '--nope']]) {
      const { out, io: streams } = io();
      assert.equal(await packageCommand(argv, streams, REPO), 2, argv.join(' '));
      assert.match(out.stderr, /^rx-lambda package: .*\nusage: rx-lambda package <path\/module\.export>/, argv.join(' '));
    }
  });

  it('prints a failure as one line on stderr with exit code 1', async () => {
    const { out, io: streams } = io();
    assert.equal(await packageCommand(['examples/deploy/missing.handler'], streams, REPO), 1);
    assert.match(out.stderr, /^rx-lambda package: no module for handler examples\/deploy\/missing\.handler: tried missing\.ts/);
    assert.equal(out.stdout, '');
  });

  it('prints what it wrote as YAML comments, then the fragment, so the whole output parses', async () => {
    const work = mkdtempSync(join(tmpdir(), 'rx-lambda-cli-'));
    try {
      const { out, io: streams } = io();
      assert.equal(await packageCommand(['examples/deploy/handler.handler', '--out', join(work, 'build'), '--invoke-mode', 'BUFFERED'], streams, REPO), 0, out.stderr);
      assert.match(out.stdout, /^# wrote .*nodejs24\.x\.zip \([\d.]+ KiB\): index\.mjs, index\.mjs\.map\n# bundle [\d.]+ KiB minified; Handler: index\.handler\n/);
      const template = parse(out.stdout) as { Resources: { HandlerFunction: { Properties: { FunctionUrlConfig: { InvokeMode: string } } } } };
      assert.equal(template.Resources.HandlerFunction.Properties.FunctionUrlConfig.InvokeMode, 'BUFFERED');
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
