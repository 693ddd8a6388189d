import { strict as assert } from 'node:assert';
import { lastValueFrom } from 'rxjs';
import { FunctionError, invoke, LambdaServiceError, TruncatedStreamError } from '../../src/client/index.js';
import { ResponseSizeTooLargeError } from '../../src/errors.js';
import { CLIENT_ERROR_BODY_MAX_BYTES, INVOKE_RESPONSE_MAX_BYTES } from '../../src/limits.js';
import { writeHuge } from '../fixtures/client/writeHuge.js';
import { startLambdaTestServer, TEST_CREDENTIALS, type LambdaTestServer } from '../fixtures/client/lambdaTestServer.js';

const MiB = 1024 * 1024;

describe('invoke', () => {
  let server: LambdaTestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const options = () => ({ functionName: 'fn', endpoint: server!.url, credentials: TEST_CREDENTIALS, retry: { baseDelayMs: 0 } });

  it('posts a signed Invoke and emits the payload, executed version and decoded log tail', async () => {
    server = await startLambdaTestServer(
      (req, res) => {
        res.writeHead(200, {
          'x-amz-executed-version': '$LATEST',
          'x-amz-log-result': Buffer.from('START RequestId: 1\n').toString('base64'),
        });
        res.end(JSON.stringify({ echo: JSON.parse(req.body.toString()) }));
      },
      { credentials: TEST_CREDENTIALS, region: 'us-east-1' },
    );
    const result = await lastValueFrom(invoke({ ...options(), payload: { n: 1 }, logType: 'Tail', qualifier: '3' }));
    assert.equal(server.requests[0]!.url, '/2015-03-31/functions/fn/invocations?Qualifier=3');
    assert.equal(result.statusCode, 200);
    assert.deepEqual(JSON.parse(Buffer.from(result.payload).toString()), { echo: { n: 1 } });
    assert.equal(result.executedVersion, '$LATEST');
    assert.equal(result.logResult, 'START RequestId: 1\n');
  });

  it('errors with FunctionError from X-Amz-Function-Error, with the error payload and log tail', async () => {
    server = await startLambdaTestServer((_req, res) => {
      res.writeHead(200, { 'x-amz-function-error': 'Unhandled', 'x-amz-log-result': Buffer.from('boom log').toString('base64') });
      res.end(JSON.stringify({ errorType: 'TypeError', errorMessage: 'bad input', trace: [] }));
    });
    await assert.rejects(lastValueFrom(invoke({ ...options(), logType: 'Tail' })), (error: unknown) => {
      assert.ok(error instanceof FunctionError);
      assert.equal(error.errorCode, 'Unhandled');
      assert.equal(error.errorDetails, 'TypeError: bad input');
      assert.equal(error.logResult, 'boom log');
      assert.deepEqual(error.payload, { errorType: 'TypeError', errorMessage: 'bad input', trace: [] });
      return true;
    });
  });

  it('queues an Event invoke (202, empty payload)', async () => {
    server = await startLambdaTestServer((_req, res) => {
      res.writeHead(202);
      res.end();
    });
    const result = await lastValueFrom(invoke({ ...options(), invocationType: 'Event' }));
    assert.equal(server.requests[0]!.headers['x-amz-invocation-type'], 'Event');
    assert.equal(result.statusCode, 202);
    assert.equal(result.payload.byteLength, 0);
  });

  it('types service errors and retries throttling', async () => {
    server = await startLambdaTestServer((_req, res, attempt) => {
      if (attempt === 0) {
        res.writeHead(429, { 'x-amzn-errortype': 'TooManyRequestsException' });
        res.end('{"message":"Rate exceeded","retryAfterSeconds":"0"}');
      } else {
        res.writeHead(413, { 'x-amzn-errortype': 'RequestTooLargeException' });
        res.end('{"message":"Request must be smaller than 6291456 bytes for the InvokeFunction operation"}');
      }
    });
    await assert.rejects(
      lastValueFrom(invoke(options())),
      (error: unknown) => error instanceof LambdaServiceError && error.name === 'RequestTooLargeException' && error.statusCode === 413,
    );
    assert.equal(server.requests.length, 2);
  });

  it('aborts a payload over INVOKE_RESPONSE_MAX_BYTES with ResponseSizeTooLargeError instead of reading it all', async () => {
    let written: Promise<number> | undefined;
    server = await startLambdaTestServer((_req, res) => {
      res.writeHead(200);
      written = writeHuge(res, 512 * MiB, 'x');
    });
    await assert.rejects(lastValueFrom(invoke(options())), (error: unknown) => {
      assert.ok(error instanceof ResponseSizeTooLargeError, String(error));
      assert.equal(error.limit, INVOKE_RESPONSE_MAX_BYTES);
      return true;
    });
    assert.ok((await written!) < 64 * MiB, 'the client stopped reading soon after the limit');
  });

  it('reads an error body only up to CLIENT_ERROR_BODY_MAX_BYTES and still gives the typed service error', async () => {
    let written: Promise<number> | undefined;
    server = await startLambdaTestServer((_req, res) => {
      res.writeHead(400, { 'x-amzn-errortype': 'InvalidRequestContentException' });
      res.write('{"message":"');
      written = writeHuge(res, 512 * MiB, 'x');
    });
    await assert.rejects(lastValueFrom(invoke(options())), (error: unknown) => {
      assert.ok(error instanceof LambdaServiceError, String(error));
      assert.equal(error.name, 'InvalidRequestContentException');
      assert.ok(error.message.length <= CLIENT_ERROR_BODY_MAX_BYTES);
      return true;
    });
    assert.ok((await written!) < 64 * MiB, 'the client stopped reading soon after the bound');
  });

  it('does not retry a response that breaks off after its head (the function has run)', async () => {
    server = await startLambdaTestServer((_req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('{"partial":', () => res.destroy());
    });
    await assert.rejects(lastValueFrom(invoke(options())), TruncatedStreamError);
    assert.equal(server.requests.length, 1);
  });
});
