import assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { request } from 'undici';
import { serveCommand } from '../../src/cli/serveCommand.js';
import { lambdaClient, text } from '../emulator/support/lambdaClient.js';
import { eventually, serve, type Served } from '../emulator/support/servedTemplate.js';

const SAM_FIXTURE = 'spec/fixtures/emulator/sam';

/** A copy of the SAM fixture inside the repository (so `rx-lambda` and `rxjs` resolve), free to edit. */
async function copyFixture(): Promise<string> {
  await mkdir('.tmp', { recursive: true });
  const folder = await mkdtemp(resolve('.tmp', 'sam-'));
  await cp(SAM_FIXTURE, folder, { recursive: true });
  return folder;
}

async function invokeJson(served: Served, name: string, payload: unknown = {}): Promise<{ error?: string; value: Record<string, unknown> }> {
  const out = await lambdaClient(served.url).send(new InvokeCommand({ FunctionName: name, Payload: JSON.stringify(payload) }));
  return { error: out.FunctionError, value: JSON.parse(text(out.Payload)) as Record<string, unknown> };
}

/** The HttpApi and Api routes of the fixture answer with the handler's status, headers and cookies. */
async function assertHttpRoutes(served: Served): Promise<void> {
  assert.ok(served.apiUrl, `serve printed no API route:\n${served.stdout()}`);
  const hello = await request(`${served.apiUrl}/hello/ada`);
  const helloBody = await hello.body.text();
  assert.equal(hello.statusCode, 201, `HttpApi answered ${hello.statusCode}: ${helloBody}`);
  assert.equal(hello.headers['x-greeting'], 'hello');
  assert.equal(hello.headers['content-type'], 'text/plain');
  assert.deepEqual(hello.headers['set-cookie'], ['a=1', 'b=2']);
  assert.equal(helloBody, 'http hello ada');

  const item = await request(`${served.apiUrl}/items/7`, { method: 'POST', body: '{"n":1}', headers: { 'content-type': 'application/json' } });
  const itemBody = await item.body.text();
  assert.equal(item.statusCode, 202, `Api answered ${item.statusCode}: ${itemBody}`);
  assert.equal(item.headers['x-greeting'], 'hello');
  assert.deepEqual(item.headers['set-cookie'], ['a=1', 'b=2']);
  assert.equal(itemBody, 'rest hello 7');

  const missing = await request(`${served.apiUrl}/items/7`);
  assert.equal(missing.statusCode, 404, 'a GET matched the POST-only Api route');
  await missing.body.dump();
}

describe('serveCommand', () => {
  describe('with a SAM template', () => {
    let folder: string;
    let served: Served;

    before(async function () {
      this.timeout(30_000);
      folder = await copyFixture();
      served = await serve([
        join(folder, 'template.yaml'),
        '--port', '0',
        '--api-port', '0',
        '--watch',
        '--env-vars', join(folder, 'env.json'),
        '--parameter-overrides', `NodeBinary=${process.execPath}`,
      ]);
    });

    after(async () => {
      assert.equal(await served?.stop(), 0);
      if (folder) await rm(folder, { recursive: true, force: true });
    });

    it('serves a nodejs24.x function under AWS Node runtime client with Globals and --env-vars Parameters', async () => {
      const { error, value } = await invokeJson(served, 'NodeFunction', { n: 1 });
      assert.equal(error, undefined, JSON.stringify(value));
      assert.equal(value.runtime, 'nodejs');
      assert.equal(value.greeting, 'hello');
      assert.equal(value.stage, 'env-file');
    });

    it('serves a TypeScript handler built with esbuild: .js imports of .ts, enums, tsconfig paths, !Sub and !GetAtt', async () => {
      const { error, value } = await invokeJson(served, 'TypedFunction', { name: 'world' });
      assert.equal(error, undefined, JSON.stringify(value));
      // GREETING comes from --env-vars' TypedFunction section.
      assert.equal(value.message, 'HOWDY WORLD!');
      assert.equal(value.mood, 'happy');
      assert.equal(value.label, 'us-east-1-hello');
      assert.equal(value.arn, 'arn:aws:lambda:us-east-1:000000000000:function:TypedFunction');
    });

    it('points the stack trace of a TypeScript handler at its .ts source through the source map', async () => {
      const { error, value } = await invokeJson(served, 'TypedFunction', { fail: true });
      assert.equal(error, 'Unhandled');
      assert.equal(value.errorMessage, 'typed failure');
      assert.match(JSON.stringify(value.trace), /app\.ts:12:/);
    });

    it('serves a provided.al2023 function from the bootstrap in its CodeUri', async () => {
      const out = await lambdaClient(served.url).send(new InvokeCommand({ FunctionName: 'CustomFunction', Payload: '{"pathParameters":{"name":"sdk"}}' }));
      assert.equal(out.FunctionError, undefined, text(out.Payload));
      assert.match(text(out.Payload), /http hello sdk/);
    });

    it('warns about what it cannot run: unknown properties, other runtimes, events it does not trigger, --env-vars sections', () => {
      const stderr = served.stderr();
      assert.match(stderr, /warning: TypedFunction .*property Layers is not supported/);
      assert.match(stderr, /warning: PythonFunction .*runtime "python3\.13" is not supported/);
      assert.match(stderr, /warning: CustomFunction .*event Queue \(SQS\) is not triggered locally/);
      assert.match(stderr, /warning: --env-vars: MissingFunction names no function/);
      assert.match(stderr, /warning: --env-vars: TypedFunction\.UNDECLARED is not declared/);
    });

    it('answers an HttpApi route and an Api route through --api-port with status, headers and cookies for a handler in the default response mode', async () => {
      await assertHttpRoutes(served);
    });

    it('reloads a TypeScript function after an edit of a module it imports (--watch), with a console line; an invoke in flight finishes on the old code', async function () {
      this.timeout(20_000);
      const inFlight = invokeJson(served, 'TypedFunction', { name: 'world', waitMs: 1500 });
      await eventually('the in-flight invoke to start', async () => (/TypedFunction [^\]]+\] START/.test(served.stderr()) ? true : undefined));
      const util = join(folder, 'typed', 'lib', 'util.ts');
      await writeFile(util, (await readFile(util, 'utf8')).replace("process.env.GREETING ?? 'hi'", "'edited'"));
      const message = await eventually('the edited greeting', async () => {
        const { value } = await invokeJson(served, 'TypedFunction', { name: 'world' });
        return value.message === 'EDITED WORLD!' ? value.message : undefined;
      });
      assert.equal(message, 'EDITED WORLD!');
      assert.match(served.stderr(), /\[watch\] reloaded TypedFunction: .*util\.ts changed/);
      const old = await inFlight;
      assert.equal(old.error, undefined, JSON.stringify(old.value));
      assert.equal(old.value.message, 'HOWDY WORLD!', 'the invoke in flight did not finish on the old code');
    });
    it('reloads a JavaScript function after an edit of a module it imports from a subfolder (--watch)', async function () {
      this.timeout(20_000);
      assert.equal((await invokeJson(served, 'NodeFunction')).value.label, 'original', 'a warm environment with the old module');
      const module = join(folder, 'node', 'lib', 'label.mjs');
      await writeFile(module, (await readFile(module, 'utf8')).replace("'original'", "'edited'"));
      const label = await eventually('the edited label', async () => {
        const { value } = await invokeJson(served, 'NodeFunction');
        return value.label === 'edited' ? value.label : undefined;
      });
      assert.equal(label, 'edited');
      assert.match(served.stderr(), /\[watch\] reloaded NodeFunction: .*label\.mjs changed/);
    });

    it('reloads a provided.al2023 function after an edit of the handler its bootstrap loads, and only that function (--watch)', async function () {
      this.timeout(20_000);
      const module = join(folder, 'custom', 'src', 'handler.mjs');
      await writeFile(module, (await readFile(module, 'utf8')).replace("`${rest ? 'rest' : 'http'} ", "`${rest ? 'rest' : 'edited'} "));
      const text = await eventually('the edited custom handler', async () => {
        const body = await (await fetch(`${served.apiUrl}/hello/ada`)).text();
        return body.startsWith('edited') ? body : undefined;
      });
      assert.match(text, /^edited \S+ ada$/);
      assert.match(served.stderr(), /\[watch\] reloaded CustomFunction: .*handler\.mjs changed/);
      assert.doesNotMatch(served.stderr(), /\[watch\] reloaded (NodeFunction|TypedFunction): .*custom/, 'functions that do not import it stay as they are');
    });
  });

  describe('with a SAM template whose functions answer buffered', () => {
    let served: Served;

    before(async function () {
      this.timeout(30_000);
      served = await serve([
        `${SAM_FIXTURE}/template.yaml`,
        '--port', '0',
        '--api-port', '0',
        '--parameter-overrides', `NodeBinary=${process.execPath}`, 'ResponseMode=buffered',
      ]);
    });

    after(async () => assert.equal(await served?.stop(), 0));

    it('answers an HttpApi route and an Api route through --api-port with status, headers and cookies', async () => {
      await assertHttpRoutes(served);
    });
  });

  it('says what is wrong with a bad --port, and exits 2', async () => {
    const stopped = Promise.resolve();
    const err: string[] = [];
    const stderr = { write: (chunk: string) => err.push(chunk) } as unknown as NodeJS.WritableStream;
    const code = await serveCommand(['plain.handler', '--port', 'abc'], { stdout: stderr, stderr, stopped });
    assert.equal(code, 2);
    assert.match(err.join(''), /--port must be a port number from 0 to 65535 \(0 picks a free one\), got "abc"/);
  });

  it('says which port is taken when it cannot listen', async () => {
    const first = await serve(['spec/fixtures/emulator/plain.handler', '--runtime', 'nodejs', '--port', '0']);
    const port = new URL(first.url).port;
    const err: string[] = [];
    const stderr = { write: (chunk: string) => err.push(chunk) } as unknown as NodeJS.WritableStream;
    const code = await serveCommand(['spec/fixtures/emulator/plain.handler', '--port', port], { stdout: stderr, stderr, stopped: new Promise(() => undefined) });
    assert.equal(await first.stop(), 0);
    assert.equal(code, 1);
    assert.match(err.join(''), new RegExp(`port ${port} on 127\\.0\\.0\\.1 is already in use; choose another with --port`));
  });

  it('starts the function with the Node inspector for --inspect', async function () {
    this.timeout(15_000);
    const served = await serve(['spec/fixtures/emulator/plain.handler', '--runtime', 'nodejs', '--port', '0', '--inspect=0']);
    try {
      const out = await lambdaClient(served.url).send(new InvokeCommand({ FunctionName: 'plain', Payload: '{}' }));
      assert.equal(out.FunctionError, undefined, text(out.Payload));
      assert.match(served.stderr(), /Debugger listening on ws:\/\/127\.0\.0\.1:\d+\//);
      assert.match(served.stdout(), /plain: one environment at a time, its Node inspector on 127\.0\.0\.1:0/);
    } finally {
      assert.equal(await served.stop(), 0);
    }
  });

  it('warns about keys of functions.json that no function config has', async () => {
    const folder = await copyFixture();
    try {
      await writeFile(join(folder, 'functions.json'), JSON.stringify({ functions: [{ name: 'n', handler: 'node/app.handler', runtime: 'nodejs', Timeout: 5 }] }));
      const served = await serve([join(folder, 'functions.json'), '--port', '0']);
      assert.equal(await served.stop(), 0);
      assert.match(served.stderr(), /warning: .*functions\.json: function "n": unknown key "Timeout" is ignored/);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
