import assert from 'node:assert/strict';
import { InvokeCommand, InvokeWithResponseStreamCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { lambdaClient, text } from '../emulator/support/lambdaClient.js';
import { loadEvent } from '../sources/loadEvent.js';

// The adapters run under AWS's own Node runtime client (aws-lambda-ric) inside the emulator.
const FIXTURE = 'spec/fixtures/runtime/managed';

async function streamed(
  lambda: LambdaClient,
  name: string,
  payload = '{}',
): Promise<{ body: Buffer; errorCode?: string; details?: string; contentType?: string }> {
  const out = await lambda.send(new InvokeWithResponseStreamCommand({ FunctionName: name, Payload: payload }));
  const parts: Buffer[] = [];
  let errorCode: string | undefined;
  let details: string | undefined;
  for await (const event of out.EventStream!) {
    if (event.PayloadChunk?.Payload) parts.push(Buffer.from(event.PayloadChunk.Payload));
    if (event.InvokeComplete) {
      errorCode = event.InvokeComplete.ErrorCode;
      details = event.InvokeComplete.ErrorDetails;
    }
  }
  return { body: Buffer.concat(parts), errorCode, details, contentType: out.ResponseStreamContentType };
}

describe('streamifyHandler and bufferedHandler under aws-lambda-ric', function () {
  this.timeout(30_000);
  let emulator: Emulator;
  let lambda: LambdaClient;

  before(async () => {
    const names = ['streamHttp', 'streamCookies', 'streamEmpty', 'streamLateError', 'streamPull', 'bufferedJson', 'bufferedHttp', 'bufferedError'];
    emulator = await startEmulator({
      log: () => undefined,
      functions: names.map((name) => ({ name, handler: `${FIXTURE}.${name}`, runtime: 'nodejs' as const })),
    });
    lambda = lambdaClient(emulator.url);
  });
  after(async () => {
    lambda?.destroy();
    await emulator?.close();
  });

  describe('streamifyHandler', () => {
    it('streams an HTTP response with its prelude', async () => {
      const out = await streamed(lambda, 'streamHttp');
      assert.equal(out.contentType, 'application/vnd.awslambda.http-integration-response');
      const prelude = '{"statusCode":200,"headers":{"content-type":"text/plain"}}';
      assert.deepEqual(out.body, Buffer.concat([Buffer.from(prelude), Buffer.alloc(8), Buffer.from('hello managed')]));
      assert.equal(out.errorCode, undefined);
    });

    it('fits the response to the caller as the rx-lambda runtime does: a proxy result for REST, a prelude for a Function URL', async () => {
      const rest = await streamed(lambda, 'streamCookies', JSON.stringify(loadEvent('apigw-rest')));
      assert.deepEqual(JSON.parse(rest.body.toString()), {
        statusCode: 200,
        headers: { 'content-type': 'text/plain', 'set-cookie': 'a=1' },
        multiValueHeaders: {},
        body: 'ok',
        isBase64Encoded: false,
      });
      const url = await streamed(lambda, 'streamCookies', JSON.stringify(loadEvent('function-url')));
      const urlPrelude = '{"statusCode":200,"headers":{"content-type":"text/plain"},"cookies":["a=1"]}';
      assert.deepEqual(url.body, Buffer.concat([Buffer.from(urlPrelude), Buffer.alloc(8), Buffer.from('ok')]));
    });

    it('keeps the prelude of an empty response (which the plain managed runtime loses)', async () => {
      const out = await streamed(lambda, 'streamEmpty');
      const prelude = '{"statusCode":204,"headers":{"x-empty":"yes"}}';
      assert.deepEqual(out.body, Buffer.concat([Buffer.from(prelude), Buffer.alloc(8)]));
    });

    it('reports an error after the first bytes in the trailers', async () => {
      const out = await streamed(lambda, 'streamLateError');
      assert.equal(out.body.toString(), 'first;');
      assert.equal(out.errorCode, 'RangeError');
      assert.match(out.details ?? '', /late failure/);
    });

    it('streams a pull source through the response stream', async () => {
      const out = await streamed(lambda, 'streamPull');
      assert.equal(out.body.length, 64 * 16 * 1024);
      assert.equal(out.body[16 * 1024], 66);
      assert.equal(out.errorCode, undefined);
    });
  });

  describe('bufferedHandler', () => {
    it('returns a JSON result with the context', async () => {
      const out = await lambda.send(new InvokeCommand({ FunctionName: 'bufferedJson', Payload: JSON.stringify({ a: 1 }) }));
      const result = JSON.parse(text(out.Payload)) as { echo: unknown; requestId: string };
      assert.deepEqual(result.echo, { a: 1 });
      assert.match(result.requestId, /[0-9a-f-]{36}/);
    });

    it('returns an HTTP response as a proxy result', async () => {
      const out = await lambda.send(new InvokeCommand({ FunctionName: 'bufferedHttp', Payload: '{}' }));
      assert.deepEqual(JSON.parse(text(out.Payload)), {
        statusCode: 201,
        headers: { 'content-type': 'text/plain' },
        cookies: ['a=1'],
        body: 'created',
        isBase64Encoded: false,
      });
    });

    it('fails with a clear error when a JSON result is followed by another value', async () => {
      const out = await lambda.send(new InvokeCommand({ FunctionName: 'bufferedError', Payload: '{}' }));
      assert.equal(out.FunctionError, 'Unhandled');
      const error = JSON.parse(text(out.Payload)) as { errorType: string; errorMessage: string };
      assert.equal(error.errorType, 'InvalidEmissionError');
      assert.match(error.errorMessage, /ndjson\(\)/);
    });
  });
});
