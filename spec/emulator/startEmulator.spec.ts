import assert from 'node:assert/strict';
import {
  InvokeCommand,
  InvokeWithResponseStreamCommand,
  type InvokeWithResponseStreamResponseEvent,
  type LambdaClient,
} from '@aws-sdk/client-lambda';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { lambdaClient, text } from './support/lambdaClient.js';
import { startSignalServer, type SignalServer } from './support/signalServer.js';

const FIXTURES = 'spec/fixtures/emulator';

describe('startEmulator', () => {
  let signals: SignalServer;
  let emulator: Emulator;
  let lambda: LambdaClient;
  const logs: string[] = [];

  before(async () => {
    signals = await startSignalServer();
    emulator = await startEmulator({
      log: (line) => logs.push(line),
      functions: [
        { name: 'plain', handler: `${FIXTURES}/plain.handler`, runtime: 'nodejs', environment: { CUSTOM: 'yes' } },
        {
          name: 'streaming',
          handler: `${FIXTURES}/streaming.handler`,
          runtime: 'nodejs',
          environment: { SIGNAL_URL: signals.url },
        },
      ],
    });
    lambda = lambdaClient(emulator.url);
  });

  after(async () => {
    lambda?.destroy();
    await emulator?.close();
    await signals?.close();
  });

  describe('Invoke (InvokeCommand) with aws-lambda-ric', () => {
    it('runs a plain async handler with the Lambda environment and returns its result', async () => {
      const out = await lambda.send(
        new InvokeCommand({ FunctionName: 'plain', Payload: JSON.stringify({ hello: 'world' }), LogType: 'Tail' }),
      );
      assert.equal(out.StatusCode, 200);
      assert.equal(out.FunctionError, undefined);
      assert.equal(out.ExecutedVersion, '$LATEST');
      const result = JSON.parse(text(out.Payload));
      assert.deepEqual(result.echo, { hello: 'world' });
      assert.equal(result.functionName, 'plain');
      assert.equal(result.memory, '128');
      assert.equal(result.region, 'us-east-1');
      assert.equal(result.tz, ':UTC');
      assert.equal(result.custom, 'yes');
      assert.ok(result.remaining > 0 && result.remaining <= 3000, `remaining ${result.remaining}`);
      const tail = Buffer.from(out.LogResult ?? '', 'base64').toString('utf8');
      assert.match(tail, /START RequestId: [0-9a-f-]{36} Version: \$LATEST/);
      assert.match(tail, /plain handler got \{"hello":"world"\}/);
      assert.match(tail, /REPORT RequestId:/);
      assert.ok(logs.some((line) => /^\[plain [0-9a-f-]{36}\] .*plain handler got/.test(line)), 'console lines are tagged');
    });
  });

  describe('InvokeWithResponseStream with aws-lambda-ric', () => {
    it('delivers each chunk while the function is still running', async () => {
      const out = await lambda.send(
        new InvokeWithResponseStreamCommand({ FunctionName: 'streaming', Payload: JSON.stringify({ id: 'chunk1' }) }),
      );
      assert.equal(out.StatusCode, 200);
      assert.equal(out.ResponseStreamContentType, 'text/plain');
      const events: InvokeWithResponseStreamResponseEvent[] = [];
      for await (const event of out.EventStream!) {
        events.push(event);
        // The function is blocked until this signal, so the first chunk arrived while it ran.
        if (events.length === 1) signals.release('chunk1');
      }
      assert.deepEqual(
        events.map((e) => (e.PayloadChunk ? text(e.PayloadChunk.Payload) : 'complete')),
        ['first chunk1\n', 'second\n', 'complete'],
      );
      assert.equal(events.at(-1)?.InvokeComplete?.ErrorCode, undefined);
    });
  });
});
