import assert from 'node:assert/strict';
import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { startEmulator, type Emulator } from '../../../src/emulator/index.js';
import { CLIENT_CONTEXT_MAX_BYTES } from '../../../src/limits.js';
import { lambdaClient, text } from '../support/lambdaClient.js';

describe('parseInvokeRequest', () => {
  let emulator: Emulator;
  let lambda: LambdaClient;

  before(async () => {
    emulator = await startEmulator({
      log: () => undefined,
      functions: [{ name: 'echo', handler: 'echo.handler', runtime: 'provided', bootstrap: 'spec/fixtures/emulator/bootstrap-echo' }],
    });
    lambda = lambdaClient(emulator.url);
  });

  after(() => emulator.close());

  /** Base64 of a JSON object exactly `bytes` long once encoded. */
  function clientContext(bytes: number): string {
    const json = JSON.stringify({ custom: { pad: 'x'.repeat(Math.floor(bytes / 4) * 3 - 21) } });
    return Buffer.from(json).toString('base64');
  }

  it(`passes a client context of ${CLIENT_CONTEXT_MAX_BYTES} bytes of base64 to a synchronous invoke`, async () => {
    const context = clientContext(CLIENT_CONTEXT_MAX_BYTES - 3);
    assert.ok(context.length <= CLIENT_CONTEXT_MAX_BYTES);
    const out = await lambda.send(new InvokeCommand({ FunctionName: 'echo', ClientContext: context }));
    const echoed = JSON.parse(text(out.Payload)) as { headers: Record<string, string> };
    assert.deepEqual(JSON.parse(echoed.headers['lambda-runtime-client-context']!), JSON.parse(Buffer.from(context, 'base64').toString()));
  });

  it('refuses a longer client context with 400 InvalidRequestContentException', async () => {
    const context = clientContext(CLIENT_CONTEXT_MAX_BYTES + 1);
    assert.ok(context.length > CLIENT_CONTEXT_MAX_BYTES);
    await assert.rejects(lambda.send(new InvokeCommand({ FunctionName: 'echo', ClientContext: context })), (error: Error & { $metadata?: { httpStatusCode?: number } }) => {
      assert.equal(error.name, 'InvalidRequestContentException');
      assert.equal(error.$metadata?.httpStatusCode, 400);
      assert.match(error.message, /at most 3583 bytes/);
      return true;
    });
  });
});
