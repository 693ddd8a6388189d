import { strict as assert } from 'node:assert';
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import fc from 'fast-check';
import { firstValueFrom, lastValueFrom, take, toArray } from 'rxjs';
import { invokeStream, payload, type StreamEvent } from '../../src/client/index.js';
import {
  FrameChecksumError,
  FunctionError,
  LambdaServiceError,
  TransportError,
  TruncatedStreamError,
} from '../../src/errors.js';
import { encodeExceptionFrame, encodeInvokeComplete, encodePayloadChunk } from '../../src/wire/lambdaStreamFrames.js';
import {
  startEventStream,
  startLambdaTestServer,
  TEST_CREDENTIALS,
  type LambdaTestServer,
} from '../fixtures/client/lambdaTestServer.js';
import { settle } from '../fixtures/client/settle.js';
import { writeHuge } from '../fixtures/client/writeHuge.js';

const codec = new EventStreamCodec(toUtf8, fromUtf8);

function smithyPayloadChunk(payload: Uint8Array): Uint8Array {
  return codec.encode({
    headers: {
      ':event-type': { type: 'string', value: 'PayloadChunk' },
      ':content-type': { type: 'string', value: 'application/octet-stream' },
      ':message-type': { type: 'string', value: 'event' },
    },
    body: payload,
  });
}

function smithyInvokeComplete(body: Record<string, string>): Uint8Array {
  return codec.encode({
    headers: {
      ':event-type': { type: 'string', value: 'InvokeComplete' },
      ':content-type': { type: 'string', value: 'application/json' },
      ':message-type': { type: 'string', value: 'event' },
    },
    body: fromUtf8(JSON.stringify(body)),
  });
}

const noRetryDelay = { baseDelayMs: 0, maxDelayMs: 0 };

describe('invokeStream', () => {
  let server: LambdaTestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  const options = (extra: Partial<Parameters<typeof invokeStream>[0]> = {}) => ({
    functionName: 'fn',
    endpoint: server!.url,
    credentials: TEST_CREDENTIALS,
    retry: noRetryDelay,
    ...extra,
  });

  /** The payloads of `events` joined back into one per frame, given each frame's length (pieces never straddle frames). */
  function framePayloads(events: StreamEvent[], lengths: number[]): Uint8Array[] {
    const out: Uint8Array[] = [];
    let pieces: Uint8Array[] = [];
    let have = 0;
    for (const event of events) {
      if (event.type !== 'PayloadChunk') continue;
      assert.ok(out.length < lengths.length, 'no more payload than frames');
      pieces.push(event.payload);
      have += event.payload.byteLength;
      assert.ok(have <= lengths[out.length]!, 'a piece does not straddle two frames');
      if (have === lengths[out.length]) {
        out.push(Buffer.concat(pieces));
        pieces = [];
        have = 0;
      }
    }
    return out;
  }

  for (const payloadChunks of ['frames', 'pieces'] as const) {
    it(`emits ${payloadChunks === 'frames' ? 'one event per frame' : 'each frame as views of the pieces it arrived in'}, in order, however the frames are split (payloadChunks: '${payloadChunks}', smithy-encoded, random split points)`, async () => {
      let current: { bytes: Uint8Array; cuts: number[] } = { bytes: new Uint8Array(), cuts: [] };
      server = await startLambdaTestServer(async (_req, res) => {
        startEventStream(res);
        const { bytes, cuts } = current;
        let start = 0;
        for (const cut of [...cuts, bytes.byteLength]) {
          if (cut > start) res.write(bytes.subarray(start, cut));
          start = Math.max(start, cut);
        }
        res.end();
      });
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.uint8Array({ minLength: 0, maxLength: 3000, size: 'max' }), { minLength: 0, maxLength: 8 }),
          fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
          fc.array(fc.nat(), { maxLength: 12, size: 'max' }),
          async (chunks, errorCode, rawCuts) => {
            const frames = [
              ...chunks.map(smithyPayloadChunk),
              smithyInvokeComplete(errorCode === undefined ? {} : { ErrorCode: errorCode, ErrorDetails: 'd' }),
            ];
            const bytes = Buffer.concat(frames);
            const cuts = [...new Set(rawCuts.map((c) => c % (bytes.byteLength + 1)))].sort((a, b) => a - b);
            current = { bytes, cuts };
            const events = await lastValueFrom(invokeStream(options({ payloadChunks })).pipe(toArray()));
            const expected: StreamEvent[] = [
              ...chunks.map((c) => ({ type: 'PayloadChunk' as const, payload: c })),
              errorCode === undefined
                ? { type: 'InvokeComplete' as const }
                : { type: 'InvokeComplete' as const, errorCode, errorDetails: 'd' },
            ];
            if (payloadChunks === 'frames') {
              assert.deepEqual(
                events.map((e) => (e.type === 'PayloadChunk' ? { ...e, payload: new Uint8Array(e.payload) } : e)),
                expected,
              );
            } else {
              const nonEmpty = chunks.filter((c) => c.byteLength > 0);
              assert.deepEqual(
                framePayloads(events.filter((e) => e.type !== 'PayloadChunk' || e.payload.byteLength > 0), nonEmpty.map((c) => c.byteLength)).map((p) => new Uint8Array(p)),
                nonEmpty,
              );
              assert.equal(events.filter((e) => e.type === 'PayloadChunk' && e.payload.byteLength === 0).length, chunks.length - nonEmpty.length, 'an empty frame is one empty event');
              assert.deepEqual(events.at(-1), expected.at(-1));
            }
          },
        ),
        { numRuns: 40 },
      );
    });
  }

  for (const [payloadChunks, expected] of [
    [undefined, ['hello ', 'world']],
    ['frames', ['hello world']],
  ] as const) {
    it(`emits a frame that arrives in two HTTP chunks as ${expected.length} PayloadChunk event(s) (payloadChunks: ${String(payloadChunks)})`, async () => {
      const frame = encodePayloadChunk(new TextEncoder().encode('hello world'));
      const cut = frame.byteLength - 4 - 'world'.length;
      server = await startLambdaTestServer((_req, res) => {
        startEventStream(res);
        res.write(frame.subarray(0, cut));
        // A pause, so the two parts reach the client in separate reads.
        setTimeout(() => res.end(Buffer.concat([frame.subarray(cut), encodeInvokeComplete()])), 50);
      });
      const events = await lastValueFrom(invokeStream(options(payloadChunks ? { payloadChunks } : {})).pipe(toArray()));
      assert.deepEqual(
        events.flatMap((e) => (e.type === 'PayloadChunk' ? [new TextDecoder().decode(e.payload)] : [])),
        expected,
      );
    });
  }

  it('sends the invoke request: path-encoded ARN, qualifier, invocation, log and client-context headers, JSON payload', async () => {
    server = await startLambdaTestServer((_req, res) => {
      startEventStream(res);
      res.end(encodeInvokeComplete({ logResult: Buffer.from('START\nEND\n').toString('base64') }));
    });
    const arn = 'arn:aws:lambda:us-east-1:123456789012:function:my-fn';
    const events = await lastValueFrom(
      invokeStream(
        options({ functionName: arn, qualifier: 'live', payload: { a: 1 }, logType: 'Tail', clientContext: '{"custom":{"k":"v"}}' }),
      ).pipe(toArray()),
    );
    const [req] = server.requests;
    assert.equal(req!.method, 'POST');
    assert.equal(
      req!.url,
      '/2021-11-15/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Amy-fn/response-streaming-invocations?Qualifier=live',
    );
    assert.equal(req!.headers['x-amz-invocation-type'], 'RequestResponse');
    assert.equal(req!.headers['x-amz-log-type'], 'Tail');
    assert.equal(Buffer.from(String(req!.headers['x-amz-client-context']), 'base64').toString(), '{"custom":{"k":"v"}}');
    assert.deepEqual(JSON.parse(req!.body.toString()), { a: 1 });
    assert.deepEqual(events, [{ type: 'InvokeComplete', logResult: 'START\nEND\n' }]);
  });

  it('signs each request with SigV4 that the server verifies, and a wrong key is refused', async () => {
    server = await startLambdaTestServer(
      (_req, res) => {
        startEventStream(res);
        res.end(Buffer.concat([encodePayloadChunk(Buffer.from('ok')), encodeInvokeComplete()]));
      },
      { credentials: TEST_CREDENTIALS, region: 'eu-west-1' },
    );
    const signed = options({ region: 'eu-west-1', functionName: 'arn:aws:lambda:eu-west-1:1:function:f', qualifier: '$LATEST', payload: { x: 'é' } });
    const events = await lastValueFrom(invokeStream(signed).pipe(toArray()));
    assert.equal(events.length, 2);
    await assert.rejects(
      lastValueFrom(invokeStream({ ...signed, credentials: { ...TEST_CREDENTIALS, secretAccessKey: 'wrong' } })),
      (error: unknown) => error instanceof LambdaServiceError && error.name === 'InvalidSignatureException' && error.statusCode === 403,
    );
    await assert.rejects(
      lastValueFrom(invokeStream({ ...signed, region: 'us-west-2' })),
      (error: unknown) => error instanceof LambdaServiceError && error.name === 'InvalidSignatureException',
    );
  });

  it('loads the default credential chain when no credentials are given', async () => {
    server = await startLambdaTestServer(
      (_req, res) => {
        startEventStream(res);
        res.end(encodeInvokeComplete());
      },
      { credentials: TEST_CREDENTIALS, region: 'us-east-1' },
    );
    const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
    process.env.AWS_ACCESS_KEY_ID = TEST_CREDENTIALS.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = TEST_CREDENTIALS.secretAccessKey;
    try {
      const { credentials: _omit, ...rest } = options();
      const events = await lastValueFrom(invokeStream(rest).pipe(toArray()));
      assert.deepEqual(events, [{ type: 'InvokeComplete' }]);
    } finally {
      if (saved.id === undefined) delete process.env.AWS_ACCESS_KEY_ID;
      else process.env.AWS_ACCESS_KEY_ID = saved.id;
      if (saved.secret === undefined) delete process.env.AWS_SECRET_ACCESS_KEY;
      else process.env.AWS_SECRET_ACCESS_KEY = saved.secret;
    }
  });

  it('reads an error body only up to 1 MiB and still gives the typed service error', async () => {
    let written: Promise<number> | undefined;
    server = await startLambdaTestServer((_req, res) => {
      res.writeHead(400, { 'x-amzn-errortype': 'InvalidRequestContentException' });
      written = writeHuge(res, 512 * 1024 * 1024, 'x');
    });
    const { error } = await settle(invokeStream(options()));
    assert.ok(error instanceof LambdaServiceError && error.name === 'InvalidRequestContentException', String(error));
    assert.ok((await written!) < 64 * 1024 * 1024, 'the client stopped reading soon after the bound');
  });

  it('errors with a LambdaServiceError named after an exception frame', async () => {
    server = await startLambdaTestServer((_req, res) => {
      startEventStream(res);
      res.end(Buffer.concat([encodePayloadChunk(Buffer.from('a')), encodeExceptionFrame('ServiceException', 'it broke')]));
    });
    const { values, error } = await settle(invokeStream(options()));
    assert.deepEqual(values.map((e) => e.type), ['PayloadChunk']);
    assert.ok(error instanceof LambdaServiceError && error.name === 'ServiceException' && error.message === 'it broke');
    assert.equal(error.statusCode, undefined);
  });

  it('reports an error code in InvokeComplete as an event, and payload() turns it into a FunctionError', async () => {
    server = await startLambdaTestServer((_req, res) => {
      startEventStream(res);
      res.end(
        Buffer.concat([
          encodePayloadChunk(Buffer.from('partial')),
          encodeInvokeComplete({ errorCode: 'Runtime.ExitError', errorDetails: 'exit 1' }),
        ]),
      );
    });
    const events = await lastValueFrom(invokeStream(options()).pipe(toArray()));
    assert.deepEqual(events.at(-1), { type: 'InvokeComplete', errorCode: 'Runtime.ExitError', errorDetails: 'exit 1' });
    const { values, error } = await settle(invokeStream(options()).pipe(payload()));
    assert.deepEqual(values.map((b) => Buffer.from(b).toString()), ['partial']);
    assert.ok(error instanceof FunctionError && error.errorCode === 'Runtime.ExitError' && error.errorDetails === 'exit 1');
  });

  it('errors with TruncatedStreamError when the stream ends without InvokeComplete', async () => {
    server = await startLambdaTestServer((_req, res) => {
      startEventStream(res);
      res.end(encodePayloadChunk(Buffer.from('a')));
    });
    await assert.rejects(lastValueFrom(invokeStream(options())), TruncatedStreamError);
  });

  it('errors with TruncatedStreamError when the stream ends inside a frame', async () => {
    server = await startLambdaTestServer((_req, res) => {
      startEventStream(res);
      const frame = encodePayloadChunk(Buffer.from('abcdef'));
      res.end(Buffer.concat([encodePayloadChunk(Buffer.from('x')), frame.subarray(0, frame.byteLength - 3)]));
    });
    const { values, error } = await settle(invokeStream(options()));
    assert.ok(error instanceof TruncatedStreamError && /inside a frame/.test(error.message));
    assert.equal(values.length, 1);
  });

  it('errors with TruncatedStreamError when the connection breaks mid-stream, without retrying', async () => {
    server = await startLambdaTestServer((_req, res) => {
      startEventStream(res);
      res.write(encodePayloadChunk(Buffer.from('a')), () => res.destroy());
    });
    await assert.rejects(lastValueFrom(invokeStream(options())), (error: unknown) =>
      error instanceof TruncatedStreamError && error.cause instanceof TransportError);
    assert.equal(server.requests.length, 1);
  });

  it('errors with a typed frame error on garbage bytes', async () => {
    server = await startLambdaTestServer((_req, res) => {
      startEventStream(res);
      res.end(Buffer.from('<html>this is not an event stream</html>'));
    });
    await assert.rejects(lastValueFrom(invokeStream(options())), FrameChecksumError);
  });

  it('types a 404 before the stream as ResourceNotFoundException and does not retry it', async () => {
    server = await startLambdaTestServer((_req, res) => {
      res.writeHead(404, { 'x-amzn-errortype': 'ResourceNotFoundException:http://internal.amazon.com/coral/com.amazonaws.awslambda/', 'content-type': 'application/json' });
      res.end(JSON.stringify({ Type: 'User', Message: 'Function not found: fn' }));
    });
    await assert.rejects(
      lastValueFrom(invokeStream(options())),
      (error: unknown) =>
        error instanceof LambdaServiceError &&
        error.name === 'ResourceNotFoundException' &&
        error.statusCode === 404 &&
        error.message === 'Function not found: fn',
    );
    assert.equal(server.requests.length, 1);
  });

  it('retries 429 up to maxAttempts and reports TooManyRequestsException with its retry-after', async () => {
    server = await startLambdaTestServer((_req, res) => {
      res.writeHead(429, { 'x-amzn-errortype': 'TooManyRequestsException', 'retry-after': '0' });
      res.end(JSON.stringify({ message: 'Rate exceeded', Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' }));
    });
    await assert.rejects(
      lastValueFrom(invokeStream(options({ retry: { ...noRetryDelay, maxAttempts: 4 } }))),
      (error: unknown) =>
        error instanceof LambdaServiceError && error.name === 'TooManyRequestsException' && error.retryAfterSeconds === 0,
    );
    assert.equal(server.requests.length, 4);
  });

  it('retries 5xx and connection failures before the first frame, then streams', async () => {
    server = await startLambdaTestServer((_req, res, attempt) => {
      if (attempt === 0) {
        res.writeHead(503, { 'x-amzn-errortype': 'ServiceException' });
        res.end('{"message":"busy"}');
      } else if (attempt === 1) {
        res.socket?.destroy();
      } else {
        startEventStream(res);
        res.end(Buffer.concat([encodePayloadChunk(Buffer.from('hi')), encodeInvokeComplete()]));
      }
    });
    const events = await lastValueFrom(invokeStream(options({ retry: { ...noRetryDelay, maxAttempts: 3 } })).pipe(toArray()));
    assert.equal(events.length, 2);
    assert.equal(server.requests.length, 3);
  });

  it('does not retry when retry is false', async () => {
    server = await startLambdaTestServer((_req, res) => {
      res.writeHead(500, { 'x-amzn-errortype': 'ServiceException' });
      res.end('{}');
    });
    await assert.rejects(lastValueFrom(invokeStream(options({ retry: false }))), LambdaServiceError);
    assert.equal(server.requests.length, 1);
  });

  it('errors with TransportError when nothing listens (after its retries)', async () => {
    server = await startLambdaTestServer(() => {});
    const url = server.url;
    await server.close();
    server = undefined;
    await assert.rejects(
      lastValueFrom(invokeStream({ functionName: 'fn', endpoint: url, credentials: TEST_CREDENTIALS, retry: { ...noRetryDelay, maxAttempts: 2 } })),
      TransportError,
    );
  });

  it('aborts the request when unsubscribed mid-stream: the server sees the connection close', async () => {
    server = await startLambdaTestServer((_req, res) => {
      startEventStream(res);
      res.write(encodePayloadChunk(Buffer.from('first')));
      // never ends on its own
    });
    const first = await firstValueFrom(invokeStream(options()).pipe(take(1)));
    assert.equal(first.type, 'PayloadChunk');
    assert.deepEqual(await server.responseClosed(0), { finished: false });
  });

  it('aborts the request when the signal aborts, erroring with its reason', async () => {
    server = await startLambdaTestServer((_req, res) => {
      startEventStream(res);
      res.write(encodePayloadChunk(Buffer.from('first')));
    });
    const controller = new AbortController();
    const reason = new Error('stop');
    const done = new Promise((resolve, reject) =>
      invokeStream(options({ signal: controller.signal })).subscribe({
        next: () => controller.abort(reason),
        error: reject,
        complete: () => resolve(undefined),
      }),
    );
    await assert.rejects(done, (error: unknown) => error === reason);
    assert.deepEqual(await server.responseClosed(0), { finished: false });
  });

  it('errors at once with an already-aborted signal and sends nothing', async () => {
    server = await startLambdaTestServer(() => {});
    await assert.rejects(lastValueFrom(invokeStream(options({ signal: AbortSignal.abort(new Error('early')) }))), /early/);
    assert.equal(server.requests.length, 0);
  });
});
