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
        { name: 'http', handler: `${FIXTURES}/httpStream.handler`, runtime: 'nodejs', environment: { SIGNAL_URL: signals.url } },
        { name: 'throwPlain', handler: `${FIXTURES}/throwing.plain`, runtime: 'nodejs' },
        { name: 'throwBefore', handler: `${FIXTURES}/throwing.beforeWrite`, runtime: 'nodejs' },
        { name: 'throwAfter', handler: `${FIXTURES}/throwing.afterWrite`, runtime: 'nodejs' },
        { name: 'lifecycle', handler: `${FIXTURES}/lifecycle.handler`, runtime: 'nodejs', timeoutSeconds: 1, concurrency: 1 },
        { name: 'streamingHang', handler: `${FIXTURES}/lifecycle.streamingHang`, runtime: 'nodejs', timeoutSeconds: 1 },
        {
          name: 'streamingExit',
          handler: `${FIXTURES}/lifecycle.streamingExit`,
          runtime: 'nodejs',
          environment: { SIGNAL_URL: signals.url },
        },
        { name: 'initFailure', handler: `${FIXTURES}/initFailure.handler`, runtime: 'nodejs' },
        {
          name: 'single',
          handler: `${FIXTURES}/streaming.handler`,
          runtime: 'nodejs',
          concurrency: 1,
          environment: { SIGNAL_URL: signals.url },
        },
        {
          name: 'echo',
          handler: 'echo.handler',
          runtime: 'provided',
          bootstrap: `${FIXTURES}/bootstrap-echo`,
          timeoutSeconds: 7,
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

  describe('function errors', () => {
    it('answers a thrown error as X-Amz-Function-Error: Unhandled with the error JSON', async () => {
      const out = await lambda.send(new InvokeCommand({ FunctionName: 'throwPlain', Payload: '{}' }));
      assert.equal(out.StatusCode, 200);
      assert.equal(out.FunctionError, 'Unhandled');
      const error = JSON.parse(text(out.Payload));
      assert.equal(error.errorType, 'TypeError');
      assert.equal(error.errorMessage, 'plain failure');
    });

    it('ends the stream with InvokeComplete ErrorCode when the handler throws before writing', async () => {
      const events = await streamEvents('throwBefore');
      assert.deepEqual(events.chunks, []);
      assert.equal(events.complete?.ErrorCode, 'RangeError');
      assert.equal(events.complete?.ErrorDetails, 'failed before writing');
    });

    it('keeps the bytes written before a failure and reports it in InvokeComplete', async () => {
      const events = await streamEvents('throwAfter');
      assert.deepEqual(events.chunks, ['partial output\n']);
      assert.equal(events.complete?.ErrorCode, 'Error');
      assert.equal(events.complete?.ErrorDetails, 'failed after writing');
    });

    it('reports an init failure (/runtime/init/error) as the invoke error', async () => {
      const out = await lambda.send(new InvokeCommand({ FunctionName: 'initFailure', Payload: '{}' }));
      assert.equal(out.FunctionError, 'Unhandled');
      assert.match(text(out.Payload), /cannot initialise/);
    });
  });

  describe('execution environments', () => {
    it('reuses a warm environment', async () => {
      const first = JSON.parse(text((await lambda.send(new InvokeCommand({ FunctionName: 'lifecycle' }))).Payload));
      const second = JSON.parse(text((await lambda.send(new InvokeCommand({ FunctionName: 'lifecycle' }))).Payload));
      assert.equal(second.pid, first.pid);
      assert.equal(second.count, first.count + 1);
    });

    it('stops a function at its timeout with Sandbox.Timedout, and the next invoke starts fresh', async () => {
      const before = JSON.parse(text((await lambda.send(new InvokeCommand({ FunctionName: 'lifecycle' }))).Payload));
      const out = await lambda.send(new InvokeCommand({ FunctionName: 'lifecycle', Payload: '{"hang":true}' }));
      assert.equal(out.FunctionError, 'Unhandled');
      const error = JSON.parse(text(out.Payload));
      assert.equal(error.errorType, 'Sandbox.Timedout');
      assert.match(error.errorMessage, /Task timed out after 1\.00 seconds/);
      const after = JSON.parse(text((await lambda.send(new InvokeCommand({ FunctionName: 'lifecycle' }))).Payload));
      assert.notEqual(after.pid, before.pid);
      assert.equal(after.count, 1);
    });

    it('fails a streaming invoke at its timeout after the bytes already sent', async () => {
      const events = await streamEvents('streamingHang');
      assert.deepEqual(events.chunks, ['before the deadline\n']);
      assert.equal(events.complete?.ErrorCode, 'Sandbox.Timedout');
    });

    it('fails an invoke whose process exits with Runtime.ExitError and replaces the process', async () => {
      const before = JSON.parse(text((await lambda.send(new InvokeCommand({ FunctionName: 'lifecycle' }))).Payload));
      const out = await lambda.send(new InvokeCommand({ FunctionName: 'lifecycle', Payload: '{"exit":3}', LogType: 'Tail' }));
      assert.equal(out.FunctionError, 'Unhandled');
      const error = JSON.parse(text(out.Payload));
      assert.equal(error.errorType, 'Runtime.ExitError');
      assert.match(error.errorMessage, /exit status 3/);
      assert.match(Buffer.from(out.LogResult ?? '', 'base64').toString(), /exiting with 3/);
      const after = JSON.parse(text((await lambda.send(new InvokeCommand({ FunctionName: 'lifecycle' }))).Payload));
      assert.notEqual(after.pid, before.pid);
    });

    it('fails a streaming invoke whose process exits mid-stream with Runtime.ExitError', async () => {
      const events = await streamEvents('streamingExit', '{"key":"exit-now"}', () => signals.release('exit-now'));
      assert.deepEqual(events.chunks, ['about to exit\n']);
      assert.equal(events.complete?.ErrorCode, 'Runtime.ExitError');
    });

    it('runs 4 concurrent streaming invokes of one function in 4 environments', async () => {
      const ids = ['c1', 'c2', 'c3', 'c4'];
      const firsts = ids.map(() => {
        let resolve!: () => void;
        const promise = new Promise<void>((r) => (resolve = r));
        return { promise, resolve };
      });
      const runs = ids.map(async (id, index) => {
        const out = await lambda.send(
          new InvokeWithResponseStreamCommand({ FunctionName: 'streaming', Payload: JSON.stringify({ id }) }),
        );
        const chunks: string[] = [];
        for await (const event of out.EventStream!) {
          if (event.PayloadChunk) {
            chunks.push(text(event.PayloadChunk.Payload));
            firsts[index]!.resolve();
          }
          if (event.InvokeComplete) assert.equal(event.InvokeComplete.ErrorCode, undefined);
        }
        return chunks.join('');
      });
      // Every function holds its second chunk until all four first chunks were received.
      await Promise.all(firsts.map((first) => first.promise));
      for (const id of ids) signals.release(id);
      assert.deepEqual(await Promise.all(runs), ids.map((id) => `first ${id}\nsecond\n`));
    });
  });

  describe('HttpResponseStream.from with aws-lambda-ric', () => {
    it('streams the prelude, the 8 NUL delimiter and the binary body', async () => {
      const out = await lambda.send(new InvokeWithResponseStreamCommand({ FunctionName: 'http', Payload: '{}' }));
      assert.equal(out.ResponseStreamContentType, 'application/vnd.awslambda.http-integration-response');
      const bytes: Buffer[] = [];
      for await (const event of out.EventStream!) if (event.PayloadChunk) bytes.push(Buffer.from(event.PayloadChunk.Payload!));
      const all = Buffer.concat(bytes);
      const nul = all.indexOf(0);
      const prelude = JSON.parse(all.subarray(0, nul).toString());
      assert.equal(prelude.statusCode, 201);
      assert.deepEqual(prelude.cookies, ['a=1; Path=/', 'b=2']);
      assert.deepEqual([...all.subarray(nul, nul + 8)], [0, 0, 0, 0, 0, 0, 0, 0]);
      assert.deepEqual([...all.subarray(nul + 8)], [0, 1, 2, 255, 254, 0, 10]);
    });
  });

  describe('provided runtime', () => {
    it('runs a bootstrap executable with the Runtime API headers, including a correct deadline', async () => {
      const out = await lambda.send(
        new InvokeCommand({
          FunctionName: 'echo',
          Payload: '{"x":1}',
          ClientContext: Buffer.from(JSON.stringify({ custom: { a: 1 } })).toString('base64'),
        }),
      );
      assert.equal(out.FunctionError, undefined);
      const answer = JSON.parse(text(out.Payload));
      const headers = answer.headers as Record<string, string>;
      assert.deepEqual(answer.event, { x: 1 });
      assert.equal(answer.handler, 'echo.handler');
      assert.equal(headers['lambda-runtime-invoked-function-arn'], 'arn:aws:lambda:us-east-1:000000000000:function:echo');
      assert.match(headers['lambda-runtime-aws-request-id']!, /^[0-9a-f-]{36}$/);
      assert.match(headers['lambda-runtime-invocation-id']!, /^[0-9a-f-]{36}$/);
      assert.match(headers['lambda-runtime-trace-id']!, /^Root=1-[0-9a-f]{8}-[0-9a-f]{24};/);
      assert.deepEqual(JSON.parse(headers['lambda-runtime-client-context']!), { custom: { a: 1 } });
      const remaining = Number(headers['lambda-runtime-deadline-ms']) - answer.receivedAt;
      assert.ok(remaining > 0 && remaining <= 7000, `deadline is ${remaining} ms after delivery`);
    });

    it('streams a chunked response from a bootstrap', async () => {
      const events = await streamEvents('echo', '{"stream":true}');
      assert.match(events.chunks.join(''), /^streamed:\{"event":\{"stream":true\}/);
      assert.equal(events.complete?.ErrorCode, undefined);
    });
  });

  describe('response size', () => {
    it('fails a buffered invoke of a streamed response over 6 MiB with Function.ResponseSizeTooLarge', async () => {
      const payload = JSON.stringify({ stream: true, bigBytes: 7 * 1024 * 1024 });
      const out = await lambda.send(new InvokeCommand({ FunctionName: 'echo', Payload: payload }));
      assert.equal(out.FunctionError, 'Unhandled');
      assert.equal(JSON.parse(text(out.Payload)).errorType, 'Function.ResponseSizeTooLarge');
    });
  });

  describe('requests refused before a function runs', () => {
    it('answers an unknown function with 404 ResourceNotFoundException', async () => {
      await assert.rejects(lambda.send(new InvokeCommand({ FunctionName: 'missing' })), (error: Error) => {
        assert.equal(error.name, 'ResourceNotFoundException');
        assert.match(error.message, /Function not found: arn:aws:lambda:us-east-1:000000000000:function:missing/);
        return true;
      });
      await assert.rejects(
        lambda.send(new InvokeWithResponseStreamCommand({ FunctionName: 'missing' })),
        { name: 'ResourceNotFoundException' },
      );
    });

    it('answers a payload over 6 MB with 413 RequestTooLargeException', async () => {
      const payload = JSON.stringify({ big: 'x'.repeat(6 * 1024 * 1024) });
      for (const command of [
        new InvokeCommand({ FunctionName: 'plain', Payload: payload }),
        new InvokeWithResponseStreamCommand({ FunctionName: 'plain', Payload: payload }),
      ]) {
        await assert.rejects(lambda.send(command as InvokeCommand), (error: Error & { $metadata?: { httpStatusCode?: number } }) => {
          assert.equal(error.name, 'RequestTooLargeException');
          assert.equal(error.$metadata?.httpStatusCode, 413);
          return true;
        });
      }
    });

    it('answers invalid JSON with 400 InvalidRequestContentException', async () => {
      await assert.rejects(lambda.send(new InvokeCommand({ FunctionName: 'plain', Payload: '{not json' })), (error: Error & { $metadata?: { httpStatusCode?: number } }) => {
        assert.equal(error.name, 'InvalidRequestContentException');
        assert.equal(error.$metadata?.httpStatusCode, 400);
        return true;
      });
    });

    it('answers 429 TooManyRequestsException past the function concurrency', async () => {
      const first = await lambda.send(
        new InvokeWithResponseStreamCommand({ FunctionName: 'single', Payload: '{"id":"busy"}' }),
      );
      const iterator = first.EventStream![Symbol.asyncIterator]();
      const chunk = await iterator.next();
      assert.equal(text(chunk.value?.PayloadChunk?.Payload), 'first busy\n');
      await assert.rejects(lambda.send(new InvokeCommand({ FunctionName: 'single', Payload: '{"id":"other"}' })), (error: Error & { $metadata?: { httpStatusCode?: number } }) => {
        assert.equal(error.name, 'TooManyRequestsException');
        assert.equal(error.$metadata?.httpStatusCode, 429);
        return true;
      });
      signals.release('busy');
      for (let step = await iterator.next(); !step.done; step = await iterator.next());
    });

    it('answers DryRun with 204 and Event with 202, running the event in the background', async () => {
      const dry = await lambda.send(new InvokeCommand({ FunctionName: 'plain', InvocationType: 'DryRun' }));
      assert.equal(dry.StatusCode, 204);
      const key = 'event-ran';
      const event = await lambda.send(
        new InvokeCommand({ FunctionName: 'streaming', InvocationType: 'Event', Payload: JSON.stringify({ id: key }) }),
      );
      assert.equal(event.StatusCode, 202);
      // The function blocks on this key, so releasing it lets the background invoke finish.
      signals.release(key);
    });
  });

  /** Reads a whole response stream; `onFirstChunk` runs once the first chunk was received. */
  async function streamEvents(functionName: string, payload = '{}', onFirstChunk?: () => void) {
    const out = await lambda.send(new InvokeWithResponseStreamCommand({ FunctionName: functionName, Payload: payload }));
    const chunks: string[] = [];
    let complete: InvokeWithResponseStreamResponseEvent['InvokeComplete'];
    for await (const event of out.EventStream!) {
      if (event.PayloadChunk) {
        chunks.push(text(event.PayloadChunk.Payload));
        if (chunks.length === 1) onFirstChunk?.();
      }
      if (event.InvokeComplete) complete = event.InvokeComplete;
    }
    return { chunks, complete };
  }
});
