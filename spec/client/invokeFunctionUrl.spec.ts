import { strict as assert } from 'node:assert';
import { firstValueFrom, lastValueFrom, take, toArray } from 'rxjs';
import { invokeFunctionUrl, LambdaServiceError, sse, TruncatedStreamError } from '../../src/client/index.js';
import { startLambdaTestServer, TEST_CREDENTIALS, type LambdaTestServer } from '../fixtures/client/lambdaTestServer.js';
import { settle } from '../fixtures/client/settle.js';
import { writeHuge } from '../fixtures/client/writeHuge.js';

describe('invokeFunctionUrl', () => {
  let server: LambdaTestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('emits the head, then body chunks as they arrive', async () => {
    server = await startLambdaTestServer((req, res) => {
      res.writeHead(201, [
        ['content-type', 'text/event-stream'],
        ['set-cookie', 'a=1'],
        ['set-cookie', 'b=2'],
        ['x-echo', req.body.toString()],
      ]);
      res.write('data: one\n\n', () => res.end('data: two\n\n'));
    });
    const events = await lastValueFrom(invokeFunctionUrl(`${server.url}/chat?x=1`, { body: 'hi' }).pipe(toArray()));
    assert.equal(server.requests[0]!.method, 'POST');
    assert.equal(server.requests[0]!.url, '/chat?x=1');
    const head = events[0]!;
    assert.ok(head.type === 'Head');
    assert.equal(head.statusCode, 201);
    assert.equal(head.headers['content-type'], 'text/event-stream');
    assert.equal(head.headers['x-echo'], 'hi');
    assert.deepEqual(head.cookies, ['a=1', 'b=2']);
    const messages = await lastValueFrom(invokeFunctionUrl(`${server.url}/chat`).pipe(sse(), toArray()));
    assert.deepEqual(messages.map((m) => m.data), ['one', 'two']);
  });

  it('delivers a function-chosen 500 as a response, without retrying', async () => {
    server = await startLambdaTestServer((_req, res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('my error page');
    });
    const events = await lastValueFrom(invokeFunctionUrl(server.url).pipe(toArray()));
    assert.equal(events[0]!.type === 'Head' && events[0]!.statusCode, 500);
    assert.equal(server.requests.length, 1);
  });

  it('retries the service throttling a URL and errors with it when attempts run out', async () => {
    server = await startLambdaTestServer((_req, res) => {
      res.writeHead(429, { 'x-amzn-errortype': 'TooManyRequestsException' });
      res.end('{"Message":"Rate Exceeded."}');
    });
    await assert.rejects(
      lastValueFrom(invokeFunctionUrl(server.url, { retry: { maxAttempts: 2, baseDelayMs: 0 } })),
      (error: unknown) => error instanceof LambdaServiceError && error.name === 'TooManyRequestsException',
    );
    assert.equal(server.requests.length, 2);
  });

  it('reads a service failure body only up to 1 MiB and still gives the typed error', async () => {
    let written: Promise<number> | undefined;
    server = await startLambdaTestServer((_req, res) => {
      res.writeHead(429, { 'x-amzn-errortype': 'TooManyRequestsException' });
      written = writeHuge(res, 512 * 1024 * 1024, 'x');
    });
    await assert.rejects(
      lastValueFrom(invokeFunctionUrl(server.url, { retry: { maxAttempts: 1 } })),
      (error: unknown) => error instanceof LambdaServiceError && error.name === 'TooManyRequestsException',
    );
    assert.ok((await written!) < 64 * 1024 * 1024, 'the client stopped reading soon after the bound');
  });

  it('signs the request with SigV4 for IAM-auth URLs', async () => {
    server = await startLambdaTestServer(
      (_req, res) => {
        res.writeHead(200);
        res.end('signed ok');
      },
      { credentials: TEST_CREDENTIALS, region: 'eu-central-1' },
    );
    const init = { auth: 'iam' as const, region: 'eu-central-1', credentials: TEST_CREDENTIALS, method: 'PUT', body: '{"k":"v"}', headers: { 'X-Custom': 'yes' } };
    const events = await lastValueFrom(invokeFunctionUrl(`${server.url}/a/b?q=1&r=two%20words`, init).pipe(toArray()));
    assert.equal(events[0]!.type === 'Head' && events[0]!.statusCode, 200);
    const unsigned = await lastValueFrom(invokeFunctionUrl(`${server.url}/a`, { ...init, auth: 'none' }).pipe(toArray()));
    assert.equal(unsigned[0]!.type === 'Head' && unsigned[0]!.statusCode, 403);
  });

  it('aborts on unsubscribe, and reports a body that breaks off as TruncatedStreamError', async () => {
    server = await startLambdaTestServer((_req, res, attempt) => {
      res.writeHead(200);
      if (attempt === 0) res.write('endless');
      else res.write('partial', () => res.destroy());
    });
    await firstValueFrom(invokeFunctionUrl(server.url).pipe(take(2)));
    assert.deepEqual(await server.responseClosed(0), { finished: false });
    const { error } = await settle(invokeFunctionUrl(server.url));
    assert.ok(error instanceof TruncatedStreamError);
  });
});
