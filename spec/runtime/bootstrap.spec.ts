import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { RecordingRuntimeApi } from '../../test-support/RecordingRuntimeApi.js';

// These run the built bin (`npm run build` precedes the test script).
const BIN = path.resolve('bin/rx-lambda-bootstrap.js');
const TASK_ROOT = path.resolve('spec/fixtures/runtime');
const INIT_ERROR = '/2018-06-01/runtime/init/error';

function spawnBootstrap(api: RecordingRuntimeApi, handler: string): { child: ChildProcess; exited: Promise<number | null>; output: () => string } {
  let output = '';
  const child = spawn(process.execPath, [BIN], {
    env: { ...process.env, AWS_LAMBDA_RUNTIME_API: api.address, _HANDLER: handler, LAMBDA_TASK_ROOT: TASK_ROOT },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

describe('main (rx-lambda-bootstrap)', () => {
  let api: RecordingRuntimeApi;
  const children: ChildProcess[] = [];
  beforeEach(async () => (api = await RecordingRuntimeApi.start()));
  afterEach(async () => {
    for (const child of children.splice(0)) child.kill();
    await api.close();
  });

  it('loads path/module.export and answers invocations', async () => {
    const run = spawnBootstrap(api, 'rx.handler');
    children.push(run.child);
    api.enqueue({ requestId: 'b1', event: { n: 1 } });
    const posted = await api.waitFor((r) => r.url.includes('/b1/response'));
    assert.equal(posted.body.toString('latin1'), '{"echo":{"n":1}}');
    assert.equal(posted.headers['lambda-runtime-function-response-mode'], 'streaming');
  });

  it('loads a .ts handler (Node 24 strips types)', async () => {
    const run = spawnBootstrap(api, 'typed.handler');
    children.push(run.child);
    api.enqueue({ requestId: 'ts1', event: { name: 'ts' } });
    const posted = await api.waitFor((r) => r.url.includes('/ts1/response'));
    assert.equal(posted.body.toString(), '{"hello":"ts"}');
  });

  const initErrors: [string, string, RegExp][] = [
    ['missing.handler', 'Runtime.ImportModuleError', /Cannot find module 'missing'/],
    ['rx.nope', 'Runtime.HandlerNotFound', /rx\.nope is undefined or not exported/],
    ['rx.notAFunction', 'Runtime.HandlerNotFound', /is not a function/],
    ['throwsAtLoad.handler', 'Runtime.ImportModuleError', /threw while loading: Error: boom at load/],
    ['nodot', 'Runtime.MalformedHandlerName', /not of the form path\/module\.export/],
  ];
  for (const [handler, type, message] of initErrors) {
    it(`posts ${type} to /runtime/init/error and exits 1 for _HANDLER=${handler}`, async () => {
      const run = spawnBootstrap(api, handler);
      children.push(run.child);
      const posted = await api.waitFor((r) => r.url === INIT_ERROR);
      assert.equal(posted.headers['lambda-runtime-function-error-type'], type);
      assert.equal(posted.headers['content-type'], 'application/vnd.aws.lambda.error+json');
      const body = JSON.parse(posted.body.toString()) as { errorType: string; errorMessage: string };
      assert.equal(body.errorType, type, 'the body reports the same Runtime.* type as the header, as Lambda does');
      assert.match(body.errorMessage, message);
      assert.equal(await run.exited, 1);
    });
  }

  it('exits non-zero when the Runtime API answers 500', async () => {
    api.statusFor = () => 500;
    const run = spawnBootstrap(api, 'rx.handler');
    children.push(run.child);
    api.enqueue({ requestId: 'dead', event: {} });
    assert.equal(await run.exited, 1);
  });
});
