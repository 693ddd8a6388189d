import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { startEmulator, type Emulator } from '../../../src/emulator/index.js';
import { lambdaClient, text } from '../support/lambdaClient.js';
import { LOCAL_AUTHORIZATION as SIGNED, rawRequest } from '../../../reliability/scenarios/support/rawRequest.js';

const FIXTURES = 'spec/fixtures/emulator';
const INVOKE = '/2015-03-31/functions/context/invocations';
const base64 = (bytes: string | Buffer): string => Buffer.from(bytes).toString('base64');

describe('parseInvokeRequest (through startEmulator)', () => {
  let emulator: Emulator;
  let lambda: LambdaClient;
  const logs: string[] = [];

  before(async () => {
    emulator = await startEmulator({
      log: (line) => logs.push(line),
      // One environment, so every case after a rejected one runs on the same warm process.
      functions: [{ name: 'context', handler: `${FIXTURES}/clientContext.handler`, runtime: 'nodejs', concurrency: 1 }],
    });
    lambda = lambdaClient(emulator.url);
  });

  after(async () => {
    lambda?.destroy();
    await emulator?.close();
  });

  /** Invokes `context` with the SDK and returns what the function saw. */
  async function invoke(clientContext?: string): Promise<{ clientContext: unknown }> {
    const out = await lambda.send(new InvokeCommand({ FunctionName: 'context', Payload: '{"n":1}', ClientContext: clientContext }));
    assert.equal(out.FunctionError, undefined, text(out.Payload));
    return JSON.parse(text(out.Payload)) as { clientContext: unknown };
  }

  it('hands a client context with non-ASCII characters and line breaks to the function intact, on a warm environment', async () => {
    await invoke();
    const seen = await invoke(base64('{\r\n  "custom": { "city": "Zürich", "note": "日本\\n" },\r\n  "env": {}\r\n}'));
    assert.deepEqual(seen.clientContext, { custom: { city: 'Zürich', note: '日本\n' }, env: {} });
    assert.deepEqual((await invoke()).clientContext, null, 'the environment answers the next invocation');
  });

  const badContexts: [string, string][] = [
    ['not base64', '%%%not base64%%%'],
    ['base64 of invalid UTF-8', base64(Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]))],
    ['base64 of a JSON array', base64('[1,2]')],
    ['longer than 3,583 bytes', base64(JSON.stringify({ custom: { pad: 'x'.repeat(3000) } }))],
  ];
  for (const [what, value] of badContexts) {
    it(`answers a client context that is ${what} with 400 InvalidRequestContentException and leaves no environment busy`, async () => {
      const res = await rawRequest(emulator.url, { path: INVOKE, headers: { authorization: SIGNED, 'x-amz-client-context': value }, body: '{}' });
      assert.equal(res.status, 400, res.body);
      assert.equal(res.headers['x-amzn-errortype'], 'InvalidRequestContentException');
      assert.deepEqual((await invoke()).clientContext, null);
    });
  }

  it('answers a payload that is not valid UTF-8 with 400 InvalidRequestContentException', async () => {
    const body = Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
    const res = await rawRequest(emulator.url, { path: INVOKE, headers: { authorization: SIGNED }, body });
    assert.equal(res.status, 400, res.body);
    assert.equal(res.headers['x-amzn-errortype'], 'InvalidRequestContentException');
    assert.match(JSON.parse(res.body).message, /UTF-8/);
  });

  it('answers a payload that is not JSON with 400 InvalidRequestContentException', async () => {
    const res = await rawRequest(emulator.url, { path: INVOKE, headers: { authorization: SIGNED }, body: '{"a":' });
    assert.equal(res.status, 400);
    assert.equal(res.headers['x-amzn-errortype'], 'InvalidRequestContentException');
  });

  describe('a body over 6 MiB', () => {
    const tooLarge = Buffer.alloc(7 * 1024 * 1024, 0x20);

    it('reaches a client that goes on writing its body for a while after the answer', async () => {
      const { hostname, port } = new URL(emulator.url);
      const socket = connect(Number(port), hostname);
      // The answer stays unread in the kernel until the whole body is written, as a blocking client would do.
      socket.pause();
      const received: Buffer[] = [];
      socket.on('data', (data: Buffer) => received.push(data));
      const ended = new Promise<string>((resolve) => {
        socket.on('error', (error) => resolve(`error: ${error.message}`));
        socket.on('close', () => resolve('closed'));
      });
      const pause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 100));
      socket.write(`POST ${INVOKE} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${SIGNED}\r\nContent-Length: ${tooLarge.length}\r\n\r\n`);
      for (let at = 0; at < tooLarge.length; at += 1024 * 1024) {
        socket.write(tooLarge.subarray(at, at + 1024 * 1024));
        await pause();
      }
      socket.resume();
      await pause();
      const answer = Buffer.concat(received).toString('latin1');
      socket.destroy();
      await ended;
      assert.match(answer, /^HTTP\/1\.1 413 /, `the answer, got ${JSON.stringify(answer.slice(0, 80))}`);
      assert.match(answer, /x-amzn-errortype: RequestTooLargeException/i);
    });

    it('reaches 20 fetch callers as 413 RequestTooLargeException, never as a reset while they still write', async () => {
      for (let i = 0; i < 20; i++) {
        const res = await fetch(`${emulator.url}${INVOKE}`, { method: 'POST', headers: { authorization: SIGNED }, body: tooLarge });
        assert.equal(res.status, 413, `call ${i}`);
        assert.equal(res.headers.get('x-amzn-errortype'), 'RequestTooLargeException');
        await res.arrayBuffer();
      }
    });

    it('reaches 10 AWS SDK callers as RequestTooLargeException', async () => {
      for (let i = 0; i < 10; i++) {
        await assert.rejects(
          lambda.send(new InvokeCommand({ FunctionName: 'context', Payload: tooLarge })),
          (error: Error) => error.name === 'RequestTooLargeException',
          `call ${i}`,
        );
      }
      assert.deepEqual((await invoke()).clientContext, null, 'the keep-alive connection goes on serving');
    });
  });
});
