import assert from 'node:assert/strict';
import { InvokeCommand, InvokeWithResponseStreamCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { sampleEvent } from '../../src/testing/sampleEvent.js';
import { lambdaClient, text } from '../emulator/support/lambdaClient.js';

// Needs `npm run build`: the fixture imports `rx-lambda` from dist.
const FIXTURE = 'spec/fixtures/core/vocabulary';

/** Lambda's error as a caller reads it: type and message. */
interface ReadError {
  errorType: string | undefined;
  errorMessage: string | undefined;
}

describe('one error vocabulary for every caller (emulator + rx-lambda runtime)', function () {
  this.timeout(30_000);
  let emulator: Emulator;
  let lambda: LambdaClient;

  before(async () => {
    emulator = await startEmulator({
      log: () => undefined,
      functions: [
        { name: 'neverBuffered', handler: `${FIXTURE}.never`, responseMode: 'buffered', timeoutSeconds: 1 },
        { name: 'neverStreaming', handler: `${FIXTURE}.never`, responseMode: 'streaming', timeoutSeconds: 1 },
        { name: 'sizedBuffered', handler: `${FIXTURE}.sized`, responseMode: 'buffered', timeoutSeconds: 10 },
        { name: 'sizedStreaming', handler: `${FIXTURE}.sized`, responseMode: 'streaming', timeoutSeconds: 10 },
      ],
    });
    lambda = lambdaClient(emulator.url);
  });

  after(async () => {
    lambda?.destroy();
    await emulator?.close();
  });

  const buffered = async (name: string, payload: unknown): Promise<ReadError> => {
    const out = await lambda.send(new InvokeCommand({ FunctionName: name, Payload: JSON.stringify(payload) }));
    assert.equal(out.FunctionError, 'Unhandled');
    const body = JSON.parse(text(out.Payload)) as { errorType?: string; errorMessage?: string };
    return { errorType: body.errorType, errorMessage: body.errorMessage };
  };

  const streaming = async (name: string, payload: unknown): Promise<ReadError> => {
    const out = await lambda.send(new InvokeWithResponseStreamCommand({ FunctionName: name, Payload: JSON.stringify(payload) }));
    for await (const event of out.EventStream ?? []) {
      if (event.InvokeComplete) return { errorType: event.InvokeComplete.ErrorCode, errorMessage: event.InvokeComplete.ErrorDetails };
    }
    throw new Error('the stream ended without InvokeComplete');
  };

  for (const mode of ['Buffered', 'Streaming'] as const) {
    it(`a timeout reads Sandbox.Timedout, "Task timed out after 1.00 seconds", to a buffered and a streaming caller (${mode.toLowerCase()} mode)`, async () => {
      const expected = { errorType: 'Sandbox.Timedout', errorMessage: 'Task timed out after 1.00 seconds' };
      assert.deepEqual(await buffered(`never${mode}`, {}), expected);
      assert.deepEqual(await streaming(`never${mode}`, {}), expected);
    });

    it(`a proxy result over 6 MiB reads Function.ResponseSizeTooLarge to both callers (${mode.toLowerCase()} mode)`, async () => {
      const event = { ...sampleEvent('apigw-http'), bytes: 6 * 1024 * 1024 + 1 };
      const fromBuffered = await buffered(`sized${mode}`, event);
      const fromStreaming = await streaming(`sized${mode}`, event);
      assert.equal(fromBuffered.errorType, 'Function.ResponseSizeTooLarge');
      assert.deepEqual(fromStreaming, fromBuffered);
    });
  }
});
