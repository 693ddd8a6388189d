import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SIGTERM_EXIT_CODE } from '../../src/runtime/exitOnSigterm.js';
import { RecordingRuntimeApi } from '../../test-support/RecordingRuntimeApi.js';
import { withDeadline } from '../../test-support/withDeadline.js';

// These run the built bin, as Lambda and the emulator do.
const BIN = path.resolve('bin/rx-lambda-bootstrap.js');
const TASK_ROOT = path.resolve('spec/fixtures/runtime');

describe('exitOnSigterm (rx-lambda-bootstrap)', () => {
  let api: RecordingRuntimeApi;
  let coverage: string;
  beforeEach(async () => {
    api = await RecordingRuntimeApi.start();
    coverage = mkdtempSync(path.join(tmpdir(), 'rx-lambda-coverage-'));
  });
  afterEach(async () => {
    await api.close();
    rmSync(coverage, { recursive: true, force: true });
  });

  it('ends the runtime waiting on /next with a normal exit, so V8 writes its coverage', async () => {
    const child = spawn(process.execPath, [BIN], {
      env: { ...process.env, AWS_LAMBDA_RUNTIME_API: api.address, _HANDLER: 'rx.handler', LAMBDA_TASK_ROOT: TASK_ROOT, NODE_V8_COVERAGE: coverage },
      stdio: 'ignore',
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on('exit', (code, signal) => resolve({ code, signal })),
    );
    await api.waitForIdle();
    child.kill('SIGTERM');
    assert.deepEqual(await withDeadline(exited, 'the runtime to exit after SIGTERM'), { code: SIGTERM_EXIT_CODE, signal: null });
    const written = readdirSync(coverage).map((name) => readFileSync(path.join(coverage, name), 'utf8'));
    assert.ok(
      written.some((text) => text.includes('dist/runtime/bootstrap.js')),
      `a V8 coverage file names dist/runtime/bootstrap.js (files: ${written.length})`,
    );
  });
});
