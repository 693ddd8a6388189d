import assert from 'node:assert/strict';
import {
  InvokeCommand,
  InvokeWithResponseStreamCommand,
  type LambdaClient,
} from '@aws-sdk/client-lambda';
import type { SQSEvent } from 'aws-lambda';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { HTTP_PRELUDE_DELIMITER_BYTES } from '../../src/limits.js';
import { lambdaClient, text } from '../emulator/support/lambdaClient.js';
import { startSignalServer, type SignalServer } from '../emulator/support/signalServer.js';
import { sqsBatch } from './batchEvents.js';
import { loadEvent } from './loadEvent.js';

// Needs `npm run build`: the fixture imports `rx-lambda` and `rx-lambda/sources` from dist.
const HANDLER = 'spec/fixtures/sources/handlers.handler';

/** A batch: m0 ok, m1 fails, m2 is not JSON, m3 ok. */
function mixedBatch(queue: 'standard' | 'fifo'): SQSEvent {
  const event = sqsBatch(4, queue);
  event.Records[1]!.body = '{"fail":true}';
  event.Records[2]!.body = 'not json';
  return event;
}

describe('sources end to end (emulator + rx-lambda runtime)', () => {
  let emulator: Emulator;
  let signals: SignalServer;
  let lambda: LambdaClient;

  before(async () => {
    signals = await startSignalServer();
    const environment = { SIGNAL_URL: signals.url };
    emulator = await startEmulator({
      log: () => undefined,
      functions: [
        { name: 'buffered', handler: HANDLER, responseMode: 'buffered', timeoutSeconds: 10, environment },
        { name: 'streaming', handler: HANDLER, responseMode: 'streaming', timeoutSeconds: 10, environment },
        {
          name: 'urlStream',
          handler: HANDLER,
          responseMode: 'streaming',
          invokeMode: 'RESPONSE_STREAM',
          timeoutSeconds: 10,
          environment,
        },
        {
          name: 'restStreaming',
          handler: HANDLER,
          responseMode: 'streaming',
          timeoutSeconds: 10,
          environment: { ...environment, RX_LAMBDA_REST_STREAMING: '1' },
        },
        { name: 'hanging', handler: 'spec/fixtures/sources/handlers.hanging', timeoutSeconds: 1, environment },
        { name: 'urlBuffered', handler: HANDLER, responseMode: 'buffered', invokeMode: 'BUFFERED', timeoutSeconds: 10, environment },
      ],
    });
    lambda = lambdaClient(emulator.url);
  });

  after(async () => {
    lambda?.destroy();
    await emulator?.close();
    await signals?.close();
  });

  const invoke = async (name: string, payload: unknown) => {
    const out = await lambda.send(new InvokeCommand({ FunctionName: name, Payload: JSON.stringify(payload) }));
    return { functionError: out.FunctionError, payload: JSON.parse(text(out.Payload)) as Record<string, unknown> };
  };

  for (const mode of ['buffered', 'streaming'] as const) {
    describe(`an SQS batch through route() + partialBatch() (${mode} response mode)`, () => {
      it('answers the partial batch response: the failed and the unparseable message', async () => {
        const { functionError, payload } = await invoke(mode, mixedBatch('standard'));
        assert.equal(functionError, undefined);
        assert.deepEqual(payload, { batchItemFailures: [{ itemIdentifier: 'm1' }, { itemIdentifier: 'm2' }] });
      });

      it('answers for a FIFO queue the first failure and every later message', async () => {
        const { payload } = await invoke(mode, mixedBatch('fifo'));
        assert.deepEqual(payload, {
          batchItemFailures: [{ itemIdentifier: 'm1' }, { itemIdentifier: 'm2' }, { itemIdentifier: 'm3' }],
        });
      });

      it('fails the invocation with BatchFailedError when every message fails', async () => {
        const event = sqsBatch(2);
        for (const record of event.Records) record.body = '{"fail":true}';
        const { functionError, payload } = await invoke(mode, event);
        assert.equal(functionError, 'Unhandled');
        assert.equal(payload.errorType, 'BatchFailedError');
      });
    });
  }

  describe('partialBatch() at the deadline', () => {
    it('reports a record that never finishes as failed before the function times out', async () => {
      const event = sqsBatch(3);
      event.Records[1]!.body = '{"hang":true}';
      const { functionError, payload } = await invoke('hanging', event);
      assert.equal(functionError, undefined);
      assert.deepEqual(payload, { batchItemFailures: [{ itemIdentifier: 'm1' }] });
    });
  });

  describe('a Function URL in front of a head() + body handler', () => {
    it('streams the response (RESPONSE_STREAM, streaming mode): status, headers and cookies first, then the body as it is emitted', async () => {
      const key = 'url-stream';
      const response = await fetch(`${emulator.url}/lambda-url/urlStream/reports/q%203?key=${key}`, {
        method: 'PUT',
        body: 'x',
      });
      assert.equal(response.status, 201);
      assert.equal(response.headers.get('content-type'), 'text/plain; charset=utf-8');
      assert.equal(response.headers.get('x-source'), 'function-url');
      assert.deepEqual(response.headers.getSetCookie(), ['a=1; Path=/', 'b=2']);
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      let received = '';
      // The handler cannot finish before `key` is released, so this part arrived while it ran.
      while (!received.includes('\n')) {
        const { value, done } = await reader.read();
        assert.equal(done, false, 'the stream ended before the first chunk');
        received += decoder.decode(value, { stream: true });
      }
      assert.equal(received, 'PUT /reports/q 3\n');
      signals.release(key);
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        received += decoder.decode(value, { stream: true });
      }
      assert.equal(received, 'PUT /reports/q 3\ndone\n');
    });

    it('answers a buffered Function URL (BUFFERED, buffered mode) with status, headers, cookies and body', async () => {
      const response = await fetch(`${emulator.url}/lambda-url/urlBuffered/a/b?x=1`);
      assert.equal(response.status, 201);
      assert.equal(response.headers.get('x-source'), 'function-url');
      assert.deepEqual(response.headers.getSetCookie(), ['a=1; Path=/', 'b=2']);
      assert.equal(await response.text(), 'GET /a/b\ndone\n');
    });
  });

  describe('the same head() + body handler behind every HTTP source', () => {
    const samples = [
      ['apigw-rest', 'POST /orders/42'],
      ['apigw-http', 'POST /upload/résumé.bin'],
      ['function-url', 'PUT /stream/q3 report'],
      ['alb', 'GET /health'],
      ['alb-multi-value', 'POST /items'],
    ] as const;

    for (const [sample, firstLine] of samples) {
      const assertProxyResult = (payload: Record<string, unknown>): void => {
        assert.equal(payload.statusCode, 201);
        assert.equal(payload.body, `${firstLine}\ndone\n`);
        assert.equal(payload.isBase64Encoded, false);
        const headers = (payload.headers ?? {}) as Record<string, string>;
        const multi = (payload.multiValueHeaders ?? {}) as Record<string, string[]>;
        const headerOf = (name: string) => headers[name] ?? multi[name]?.[0];
        assert.equal(headerOf('content-type'), 'text/plain; charset=utf-8');
        assert.equal(headerOf('x-source'), sample === 'alb-multi-value' ? 'alb' : sample);
        if (sample === 'apigw-http' || sample === 'function-url') {
          assert.deepEqual(payload.cookies, ['a=1; Path=/', 'b=2']);
        } else if (sample === 'alb') {
          assert.equal(payload.statusDescription, '201 Created');
          assert.equal(headers['set-cookie'], 'b=2');
        } else {
          assert.deepEqual(multi['set-cookie'], ['a=1; Path=/', 'b=2']);
        }
      };

      it(`buffered mode: answers ${sample} with the proxy result that source reads`, async () => {
        const { functionError, payload } = await invoke('buffered', loadEvent(sample));
        assert.equal(functionError, undefined);
        assertProxyResult(payload);
      });


      const streams = sample === 'function-url';
      it(`streaming mode: answers ${sample} with ${streams ? 'an HTTP-integration prelude, 8 NUL bytes, then the body' : 'the buffered proxy result that source reads (it cannot stream)'}`, async () => {
        const out = await lambda.send(
          new InvokeWithResponseStreamCommand({ FunctionName: 'streaming', Payload: JSON.stringify(loadEvent(sample)) }),
        );
        const chunks: Uint8Array[] = [];
        for await (const event of out.EventStream ?? []) {
          if (event.PayloadChunk?.Payload) chunks.push(event.PayloadChunk.Payload);
          if (event.InvokeComplete) assert.equal(event.InvokeComplete.ErrorCode, undefined);
        }
        const bytes = Buffer.concat(chunks);
        if (!streams) {
          assertProxyResult(JSON.parse(bytes.toString('utf8')) as Record<string, unknown>);
          return;
        }
        const nul = bytes.indexOf(Buffer.alloc(HTTP_PRELUDE_DELIMITER_BYTES));
        assert.ok(nul > 0, 'no prelude delimiter');
        const prelude = JSON.parse(bytes.subarray(0, nul).toString('utf8')) as {
          statusCode: number;
          headers?: Record<string, string>;
          cookies?: string[];
          multiValueHeaders?: Record<string, string[]>;
        };
        assert.equal(prelude.statusCode, 201);
        assert.equal(prelude.headers?.['x-source'], sample);
        const cookies = prelude.cookies ?? prelude.multiValueHeaders?.['set-cookie'];
        assert.deepEqual(cookies, ['a=1; Path=/', 'b=2']);
        assert.equal(bytes.subarray(nul + HTTP_PRELUDE_DELIMITER_BYTES).toString('utf8'), `${firstLine}\ndone\n`);
      });
    }

    it('streams to API Gateway REST with multiValueHeaders in the prelude when RX_LAMBDA_REST_STREAMING=1', async () => {
      const out = await lambda.send(
        new InvokeWithResponseStreamCommand({ FunctionName: 'restStreaming', Payload: JSON.stringify(loadEvent('apigw-rest')) }),
      );
      const chunks: Uint8Array[] = [];
      for await (const event of out.EventStream ?? []) if (event.PayloadChunk?.Payload) chunks.push(event.PayloadChunk.Payload);
      const bytes = Buffer.concat(chunks);
      const nul = bytes.indexOf(Buffer.alloc(HTTP_PRELUDE_DELIMITER_BYTES));
      assert.ok(nul > 0, 'a prelude delimiter');
      const prelude = JSON.parse(bytes.subarray(0, nul).toString('utf8')) as { statusCode: number; multiValueHeaders: Record<string, string[]> };
      assert.equal(prelude.statusCode, 201);
      assert.deepEqual(prelude.multiValueHeaders['set-cookie'], ['a=1; Path=/', 'b=2']);
      assert.equal(bytes.subarray(nul + HTTP_PRELUDE_DELIMITER_BYTES).toString('utf8'), 'POST /orders/42\ndone\n');
    });
  });
});
