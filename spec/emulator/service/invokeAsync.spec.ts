import assert from 'node:assert/strict';
import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { startEmulator, type Emulator } from '../../../src/emulator/index.js';
import { EVENT_RETRY_DELAYS_MS } from '../../../src/emulator/emulatorLimits.js';
import { lambdaClient } from '../support/lambdaClient.js';
import { eventually } from '../support/servedTemplate.js';

describe('invokeAsync', () => {
  let emulator: Emulator;
  let lambda: LambdaClient;
  const logs: string[] = [];

  before(async () => {
    emulator = await startEmulator({
      log: (line) => logs.push(line),
      functions: [{ name: 'failing', handler: 'spec/fixtures/emulator/warm/counter.failing' }],
    });
    lambda = lambdaClient(emulator.url);
  });

  after(() => emulator.close());

  it('retries a failed Event invoke twice with the same request id, saying so on the console', async function () {
    this.timeout(20_000);
    const out = await lambda.send(new InvokeCommand({ FunctionName: 'failing', InvocationType: 'Event', Payload: '{}' }));
    assert.equal(out.StatusCode, 202);
    const requestId = out.$metadata.requestId!;
    const deadline = EVENT_RETRY_DELAYS_MS.reduce((sum, delay) => sum + delay, 0) + 8000;
    await eventually('the final failure line', async () => (logs.some((line) => line.includes(`${requestId} failed with`) && line.includes('no retries left')) ? true : undefined), deadline);
    const starts = logs.filter((line) => line.includes(`START RequestId: ${requestId}`));
    assert.equal(starts.length, 3, `expected 1 attempt and 2 retries, saw:\n${starts.join('\n')}`);
    assert.ok(logs.some((line) => line.includes(`${requestId} failed with`) && line.includes('retry 1 of 2')));
    assert.ok(logs.some((line) => line.includes(`${requestId} failed with`) && line.includes('retry 2 of 2')));
  });
});
