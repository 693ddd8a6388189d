import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { startEmulator, type Emulator } from '../../../src/emulator/index.js';
import { lambdaClient, text } from '../support/lambdaClient.js';

const FIXTURES = 'spec/fixtures/emulator/warm';

describe('ExecutionEnvironment', () => {
  let emulator: Emulator;
  let lambda: LambdaClient;
  const logs: string[] = [];

  const saved = { AWS_PROFILE: process.env.AWS_PROFILE, AWS_REGION: process.env.AWS_REGION };
  function restoreEnv(): void {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }

  before(async () => {
    process.env.AWS_PROFILE = 'developer';
    process.env.AWS_REGION = 'eu-west-3';
    emulator = await startEmulator({
      log: (line) => logs.push(line),
      functions: [
        { name: 'counter', handler: `${FIXTURES}/counter.handler`, timeoutSeconds: 1, concurrency: 1 },
        {
          name: 'slowNext',
          handler: 'slow.next',
          runtime: 'provided',
          bootstrap: `${FIXTURES}/bootstrap-slow-next`,
          timeoutSeconds: 1,
          concurrency: 1,
          environment: { WORK_AFTER_MS: '2000' },
        },
        { name: 'managed', handler: `${FIXTURES}/counter.slow`, concurrency: 1, maxConcurrency: 4, timeoutSeconds: 5 },
        { name: 'awsSetup', handler: `${FIXTURES}/counter.awsSetup` },
      ],
    });
    lambda = lambdaClient(emulator.url);
  });

  after(async () => {
    await emulator.close();
    restoreEnv();
  });

  async function invokeJson(name: string, payload: unknown = {}): Promise<Record<string, unknown>> {
    const out = await lambda.send(new InvokeCommand({ FunctionName: name, Payload: JSON.stringify(payload) }));
    assert.equal(out.FunctionError, undefined, `${name} failed: ${text(out.Payload)}`);
    return JSON.parse(text(out.Payload)) as Record<string, unknown>;
  }

  it('keeps module state warm across invokes spaced longer than the timeout, with no timeout line', async function () {
    this.timeout(10_000);
    const first = await invokeJson('counter');
    await sleep(1500);
    const second = await invokeJson('counter');
    assert.equal(second.pid, first.pid, 'the second invoke ran in a new process: the warm environment was stopped');
    assert.equal(second.count, Number(first.count) + 1);
    assert.deepEqual(
      logs.filter((line) => line.includes('[counter') && /timed out/i.test(line)),
      [],
      'a succeeded invocation was reported as timed out',
    );
  });

  it('completes two invokes back to back for a runtime that works 2 s after answering, with a 1 s timeout', async function () {
    this.timeout(15_000);
    const first = await invokeJson('slowNext');
    const second = await invokeJson('slowNext');
    // One environment (concurrency 1): the second waited for the runtime's next `/next`.
    assert.equal(second.pid, first.pid);
    assert.deepEqual([first.count, second.count], [1, 2]);
  });

  it('runs four 400 ms invokes at once in one environment with maxConcurrency 4, AWS_LAMBDA_MAX_CONCURRENCY set', async function () {
    this.timeout(15_000);
    await invokeJson('managed', { ms: 1 }); // the cold start is not part of the measure
    const runs = await Promise.all([1, 2, 3, 4].map(() => invokeJson('managed', { ms: 400 })));
    assert.equal(new Set(runs.map((run) => run.pid)).size, 1, 'the invokes ran in more than one process');
    assert.ok(runs.every((run) => run.max === '4'), 'AWS_LAMBDA_MAX_CONCURRENCY was not 4 in the process');
    const span = Math.max(...runs.map((run) => Number(run.endedAt))) - Math.min(...runs.map((run) => Number(run.startedAt)));
    const serial = runs.reduce((sum, run) => sum + Number(run.endedAt) - Number(run.startedAt), 0);
    assert.ok(span < serial / 2, `four invokes spanned ${span} ms for ${serial} ms of work: they did not overlap`);
  });

  it("passes the developer's AWS_PROFILE and region through to the function", async () => {
    const setup = await invokeJson('awsSetup');
    assert.deepEqual(setup, { profile: 'developer', region: 'eu-west-3', defaultRegion: 'eu-west-3' });
  });
});
