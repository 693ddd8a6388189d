import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Writable } from 'node:stream';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { main } from '../../src/cli/main.js';
import { serveCommand } from '../../src/cli/serveCommand.js';
import { lambdaClient, text } from '../emulator/support/lambdaClient.js';

const FIXTURES = resolve('spec/fixtures/emulator');

function sink(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  return {
    stream: new Writable({
      write(chunk, _encoding, done) {
        chunks.push(String(chunk));
        done();
      },
    }),
    text: () => chunks.join(''),
  };
}

describe('main', () => {
  it('serves functions.json end to end and stops every environment on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'spec/emulator/support/runCli.ts', 'serve', `${FIXTURES}/functions.json`, '--port', '0'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    child.stdout.setEncoding('utf8');
    const url = await new Promise<string>((resolveUrl, reject) => {
      child.stdout.on('data', (chunk: string) => {
        stdout += chunk;
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
        if (match) resolveUrl(match[1]!);
      });
      child.once('exit', (code) => reject(new Error(`serve exited early with ${code}`)));
    });
    const lambda = lambdaClient(url);
    try {
      const plain = JSON.parse(text((await lambda.send(new InvokeCommand({ FunctionName: 'plain', Payload: '{"a":1}' }))).Payload));
      assert.deepEqual(plain.echo, { a: 1 });
      assert.equal(plain.custom, 'from-file');
      const echo = JSON.parse(text((await lambda.send(new InvokeCommand({ FunctionName: 'echo' }))).Payload));
      assert.equal(echo.taskRoot, FIXTURES, 'the folder of functions.json is the task root');
      assert.equal(echo.cwd, FIXTURES);
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const [code] = await exited;
      assert.equal(code, 0);
      assert.throws(() => process.kill(echo.pid, 0), { code: 'ESRCH' }, 'the function process was stopped');
    } finally {
      lambda.destroy();
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('prints the package version for --version', async () => {
    const write = process.stdout.write;
    let printed = '';
    process.stdout.write = ((chunk: string) => ((printed += chunk), true)) as typeof process.stdout.write;
    try {
      await main(['--version']);
    } finally {
      process.stdout.write = write;
    }
    const { version } = JSON.parse(await readFile('package.json', 'utf8')) as { version: string };
    assert.equal(printed, `${version}\n`);
  });

  it('answers an unknown command with usage and exit code 2', async () => {
    const previous = process.exitCode;
    const write = process.stderr.write;
    process.stderr.write = () => true;
    try {
      await main(['frobnicate']);
      assert.equal(process.exitCode, 2);
    } finally {
      process.stderr.write = write;
      process.exitCode = previous;
    }
  });
});

describe('serveCommand', () => {
  it('warns when the host is not a loopback address', async () => {
    const out = sink();
    const err = sink();
    const code = await serveCommand(['plain.handler', '--host', 'host.invalid', '--port', '0'], {
      stdout: out.stream,
      stderr: err.stream,
      stopped: Promise.resolve(),
    });
    assert.match(err.text(), /warning: listening on host\.invalid/);
    assert.equal(code, 1, 'the unresolvable host then fails to listen');
  });

  it('serves a bare path/module.export from the current folder until stopped', async () => {
    const out = sink();
    let stop!: () => void;
    const stopped = new Promise<void>((r) => (stop = r));
    const serving = serveCommand(
      ['spec/fixtures/emulator/plain.handler', '--runtime', 'nodejs', '--port', '0'],
      { stdout: out.stream, stderr: sink().stream, stopped },
    );
    while (!/listening on (\S+)/.test(out.text())) await new Promise((r) => setImmediate(r));
    const url = /listening on (\S+)/.exec(out.text())![1]!;
    const lambda = lambdaClient(url);
    const result = await lambda.send(new InvokeCommand({ FunctionName: 'plain', Payload: '{"b":2}' }));
    lambda.destroy();
    assert.deepEqual(JSON.parse(text(result.Payload)).echo, { b: 2 });
    stop();
    assert.equal(await serving, 0);
  });

  it('refuses a malformed functions.json with exit code 2', async () => {
    const err = sink();
    const code = await serveCommand([`${FIXTURES}/plain.mjs.json`, '--port', '0'], {
      stdout: sink().stream,
      stderr: err.stream,
      stopped: Promise.resolve(),
    });
    assert.equal(code, 2);
    assert.match(err.text(), /cannot read/);
  });
});
