import assert from 'node:assert/strict';
import { concat, defer, NEVER, Observable, of, throwError, timer, map, take } from 'rxjs';
import { BackpressureOverflowError, RuntimeApiError } from '../../src/errors.js';
import { head } from '../../src/head.js';
import type { Handler } from '../../src/handler.js';
import { startRuntime, type RuntimeOptions } from '../../src/runtime/index.js';
import { RecordingRuntimeApi } from '../../test-support/RecordingRuntimeApi.js';

const RESPONSE = (id: string): string => `/2018-06-01/runtime/invocation/${id}/response`;
const ERROR = (id: string): string => `/2018-06-01/runtime/invocation/${id}/error`;

interface Running {
  api: RecordingRuntimeApi;
  logs: string[];
  done: Promise<void>;
  stop(): Promise<void>;
}

async function run(handler: Handler, options: RuntimeOptions = {}): Promise<Running> {
  const api = await RecordingRuntimeApi.start();
  const controller = new AbortController();
  const logs: string[] = [];
  const done = startRuntime(handler, {
    runtimeApi: api.address,
    signal: controller.signal,
    patchConsole: false,
    log: (line) => logs.push(line),
    ...options,
  });
  done.catch(() => undefined);
  return {
    api,
    logs,
    done,
    stop: async () => {
      controller.abort();
      await done.catch(() => undefined);
      await api.close();
    },
  };
}

function host(api: RecordingRuntimeApi): string {
  return `Host: ${api.address}\r\n`;
}

describe('startRuntime', () => {
  let running: Running | undefined;
  afterEach(async () => {
    await running?.stop();
    running = undefined;
  });

  it('posts a buffered JSON result with these exact bytes', async () => {
    running = await run(() => of({ ok: true }), { responseMode: 'buffered' });
    const { api } = running;
    api.enqueue({ requestId: 'req-1', event: {} });
    const posted = await api.waitFor((r) => r.url === RESPONSE('req-1'));
    assert.equal(posted.body.toString(), '{"ok":true}');
    const expected =
      `POST ${RESPONSE('req-1')} HTTP/1.1\r\n${host(api)}Content-Type: application/json\r\nContent-Length: 11\r\n\r\n{"ok":true}`;
    assert.ok(api.rawAll().toString('latin1').includes(expected), api.rawAll().toString('latin1'));
    assert.equal(posted.headers['lambda-runtime-function-response-mode'], undefined);
  });

  it('posts a buffered text HTTP response as the Function URL proxy result, with these exact bytes', async () => {
    running = await run(() => concat(of(head({ statusCode: 200, headers: { 'content-type': 'text/plain' }, cookies: ['s=1'] })), of('hi ', 'there')), {
      responseMode: 'buffered',
    });
    const { api } = running;
    const event = { version: '2.0', requestContext: { http: { method: 'GET' }, domainName: 'abc.lambda-url.us-east-1.on.aws' } };
    api.enqueue({ requestId: 'bt', event });
    await api.waitFor((r) => r.url === RESPONSE('bt'));
    const json = '{"statusCode":200,"headers":{"content-type":"text/plain"},"cookies":["s=1"],"body":"hi there","isBase64Encoded":false}';
    const expected = `POST ${RESPONSE('bt')} HTTP/1.1\r\n${host(api)}Content-Type: application/json\r\nContent-Length: ${json.length}\r\n\r\n${json}`;
    assert.ok(api.rawAll().toString('latin1').includes(expected), api.rawAll().toString('latin1'));
  });

  it('posts a buffered binary HTTP response base64-encoded, with multiValueHeaders for API Gateway REST', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    running = await run(() => concat(of(head({ statusCode: 200, headers: { 'content-type': 'image/png' }, cookies: ['a=1', 'b=2'] })), of(png)), {
      responseMode: 'buffered',
    });
    const { api } = running;
    api.enqueue({ requestId: 'bb', event: { httpMethod: 'GET', requestContext: { resourceId: 'r1' } } });
    await api.waitFor((r) => r.url === RESPONSE('bb'));
    const json =
      '{"statusCode":200,"headers":{"content-type":"image/png"},"multiValueHeaders":{"set-cookie":["a=1","b=2"]},' +
      `"body":"${png.toString('base64')}","isBase64Encoded":true}`;
    const expected = `POST ${RESPONSE('bb')} HTTP/1.1\r\n${host(api)}Content-Type: application/json\r\nContent-Length: ${json.length}\r\n\r\n${json}`;
    assert.ok(api.rawAll().toString('latin1').includes(expected), api.rawAll().toString('latin1'));
  });

  it('fails a buffered result over 6,291,556 bytes with Function.ResponseSizeTooLarge before posting it', async () => {
    running = await run(() => of('x'.repeat(6 * 1024 * 1024), 'y'.repeat(101)), { responseMode: 'buffered' });
    const { api } = running;
    api.enqueue({ requestId: 'big', event: {} });
    const posted = await api.waitFor((r) => r.url === ERROR('big'));
    assert.equal(posted.headers['lambda-runtime-function-error-type'], 'Function.ResponseSizeTooLarge');
    assert.match(JSON.parse(posted.body.toString()).errorMessage, /6291557 bytes\) exceeded maximum allowed payload size \(6291556 bytes/);
    assert.equal(api.requests.filter((r) => r.url === RESPONSE('big')).length, 0);
  });

  it('streams an HTTP response as prelude, 8 NULs and the chunks, with these exact bytes', async () => {
    running = await run(() =>
      concat(of(head({ statusCode: 201, headers: { 'content-type': 'text/plain' }, cookies: ['a=1'] })), of('hello ', 'world')),
    );
    const { api } = running;
    api.enqueue({ requestId: 'req-2', event: {} });
    const posted = await api.waitFor((r) => r.url === RESPONSE('req-2'));
    const prelude = '{"statusCode":201,"headers":{"content-type":"text/plain"},"cookies":["a=1"]}';
    assert.deepEqual(posted.body, Buffer.concat([Buffer.from(prelude), Buffer.alloc(8), Buffer.from('hello world')]));
    const body = Buffer.concat([Buffer.from(prelude), Buffer.alloc(8), Buffer.from('hello world')]);
    const expected = Buffer.concat([
      Buffer.from(
        `POST ${RESPONSE('req-2')} HTTP/1.1\r\n${host(api)}Lambda-Runtime-Function-Response-Mode: streaming\r\n` +
          'Content-Type: application/vnd.awslambda.http-integration-response\r\n' +
          'Trailer: Lambda-Runtime-Function-Error-Type, Lambda-Runtime-Function-Error-Body\r\n' +
          `Transfer-Encoding: chunked\r\n\r\n${body.length.toString(16)}\r\n`,
      ),
      body,
      Buffer.from('\r\n0\r\n\r\n'),
    ]);
    assert.ok(api.rawAll().includes(expected), JSON.stringify(api.rawAll().toString('latin1')));
  });

  it('posts an error before the commit to /error with type, message and stack', async () => {
    running = await run(() => concat(of('partial'), throwError(() => new TypeError('bad input'))));
    const { api } = running;
    api.enqueue({ requestId: 'req-3', event: {} });
    const posted = await api.waitFor((r) => r.url === ERROR('req-3'));
    assert.equal(posted.headers['lambda-runtime-function-error-type'], 'Function.TypeError');
    assert.equal(posted.headers['content-type'], 'application/vnd.aws.lambda.error+json');
    const body = JSON.parse(posted.body.toString()) as { errorType: string; errorMessage: string; stackTrace: string[] };
    assert.equal(body.errorType, 'TypeError');
    assert.equal(body.errorMessage, 'bad input');
    assert.ok(body.stackTrace.length > 0);
    assert.equal(api.requests.filter((r) => r.url === RESPONSE('req-3')).length, 0);
  });

  it('reports an error after the commit in the trailers, after the bytes already sent', async () => {
    running = await run(
      () => concat(of(head({ statusCode: 200 })), of('first'), timer(5).pipe(map(() => { throw new RangeError('late'); }))),
      { flushAfterMs: 0 },
    );
    const { api } = running;
    api.enqueue({ requestId: 'req-4', event: {} });
    const posted = await api.waitFor((r) => r.url === RESPONSE('req-4'));
    assert.deepEqual(posted.body, Buffer.concat([Buffer.from('{"statusCode":200}'), Buffer.alloc(8), Buffer.from('first')]));
    assert.equal(posted.trailers['lambda-runtime-function-error-type'], 'Function.RangeError');
    const trailer = JSON.parse(Buffer.from(posted.trailers['lambda-runtime-function-error-body']!, 'base64').toString()) as {
      errorMessage: string;
    };
    assert.equal(trailer.errorMessage, 'late');
    const raw = api.rawAll().toString('latin1');
    assert.match(raw, /\r\n0\r\nLambda-Runtime-Function-Error-Type: Function\.RangeError\r\nLambda-Runtime-Function-Error-Body: [A-Za-z0-9+/=]+\r\n\r\n/);
  });

  it('sends the prelude of an empty HTTP response', async () => {
    running = await run(() => of(head({ statusCode: 204 })));
    const { api } = running;
    api.enqueue({ requestId: 'req-5', event: {} });
    const posted = await api.waitFor((r) => r.url === RESPONSE('req-5'));
    assert.deepEqual(posted.body, Buffer.concat([Buffer.from('{"statusCode":204}'), Buffer.alloc(8)]));
  });

  it('sends an empty streamed body as just the last chunk', async () => {
    running = await run(() => of());
    const { api } = running;
    api.enqueue({ requestId: 'req-6', event: {} });
    const posted = await api.waitFor((r) => r.url === RESPONSE('req-6'));
    assert.equal(posted.body.length, 0);
    const expected =
      `POST ${RESPONSE('req-6')} HTTP/1.1\r\n${host(api)}Lambda-Runtime-Function-Response-Mode: streaming\r\n` +
      'Content-Type: application/octet-stream\r\nTrailer: Lambda-Runtime-Function-Error-Type, Lambda-Runtime-Function-Error-Body\r\n' +
      'Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n';
    assert.ok(api.rawAll().toString('latin1').includes(expected));
  });

  it('stops the handler before its deadline: teardown runs, the signal aborts, a timeout is reported in time', async () => {
    let tornDown = false;
    let aborted = false;
    running = await run((_e, ctx) => {
      ctx.signal.addEventListener('abort', () => (aborted = true));
      return new Observable(() => () => (tornDown = true));
    });
    const { api } = running;
    const deadline = Date.now() + 400;
    api.enqueue({ requestId: 'req-7', event: {}, headers: { 'lambda-runtime-deadline-ms': String(deadline) } });
    const posted = await api.waitFor((r) => r.url === ERROR('req-7'));
    const received = Date.now();
    assert.ok(tornDown, 'teardown ran');
    assert.ok(aborted, 'signal aborted');
    assert.equal(posted.headers['lambda-runtime-function-error-type'], 'Sandbox.Timedout');
    const body = JSON.parse(posted.body.toString()) as { errorType: string; errorMessage: string };
    assert.equal(body.errorType, 'Sandbox.Timedout');
    assert.match(body.errorMessage, /^Task timed out after \d+\.\d\d seconds$/);
    assert.ok(received < deadline, `posted ${received - deadline} ms after the deadline`);
  });

  it('runs an invocation whose deadline is further away than a timer can wait (30 days) to its response', async () => {
    running = await run(() => timer(50).pipe(map(() => ({ ok: true }))), { responseMode: 'buffered' });
    const { api } = running;
    api.enqueue({ requestId: 'far', event: {}, headers: { 'lambda-runtime-deadline-ms': String(Date.now() + 30 * 86_400_000) } });
    const posted = await api.waitFor((r) => r.url === RESPONSE('far') || r.url === ERROR('far'));
    assert.equal(posted.url, RESPONSE('far'), posted.body.toString());
    assert.equal(posted.body.toString(), '{"ok":true}');
  });

  it('does not post at all for an invocation whose deadline has passed', async () => {
    running = await run(() => NEVER);
    const { api } = running;
    api.enqueue({ requestId: 'late', event: {}, headers: { 'lambda-runtime-deadline-ms': String(Date.now() - 1000) } });
    api.enqueue({ requestId: 'next-one', event: {} });
    // next-one never completes either; wait until the runtime asked for it.
    await api.waitForIdle(0);
    await new Promise<void>((resolve) => {
      const check = (): void => {
        if (running?.logs.some((l) => l.includes('deadline passed'))) resolve();
        else setTimeout(check, 5);
      };
      check();
    });
    assert.equal(api.requests.filter((r) => r.url.includes('/late/')).length, 0);
  });

  it('echoes Lambda-Runtime-Invocation-Id on /response and /error', async () => {
    running = await run((event) => ((event as { fail: boolean }).fail ? throwError(() => new Error('x')) : of('ok')), {
      responseMode: 'buffered',
    });
    const { api } = running;
    api.enqueue({ requestId: 'r-ok', event: { fail: false }, headers: { 'lambda-runtime-invocation-id': 'inv-1' } });
    api.enqueue({ requestId: 'r-err', event: { fail: true }, headers: { 'lambda-runtime-invocation-id': 'inv-2' } });
    const ok = await api.waitFor((r) => r.url === RESPONSE('r-ok'));
    const err = await api.waitFor((r) => r.url === ERROR('r-err'));
    assert.equal(ok.headers['lambda-runtime-invocation-id'], 'inv-1');
    assert.equal(err.headers['lambda-runtime-invocation-id'], 'inv-2');
    assert.ok(api.rawAll().toString('latin1').includes('Lambda-Runtime-Invocation-Id: inv-1\r\n'));
  });

  it('exposes the trace id on the context and sets _X_AMZN_TRACE_ID in sequential mode', async () => {
    running = await run((_e, ctx) => of({ env: process.env._X_AMZN_TRACE_ID, ctx: ctx.traceId, arn: ctx.invokedFunctionArn }), {
      responseMode: 'buffered',
    });
    const { api } = running;
    api.enqueue({ requestId: 'tr', event: {}, headers: { 'lambda-runtime-trace-id': 'Root=1-abc' } });
    const posted = await api.waitFor((r) => r.url === RESPONSE('tr'));
    assert.deepEqual(JSON.parse(posted.body.toString()), {
      env: 'Root=1-abc',
      ctx: 'Root=1-abc',
      arn: 'arn:aws:lambda:us-east-1:123456789012:function:test',
    });
  });

  it('logs a 410 and goes on with the next invocation', async () => {
    running = await run(() => of({ n: 1 }), { responseMode: 'buffered' });
    const { api } = running;
    api.statusFor = (_m, url) => (url === RESPONSE('gone') ? 410 : 202);
    api.enqueue({ requestId: 'gone', event: {} });
    api.enqueue({ requestId: 'after', event: {} });
    await api.waitFor((r) => r.url === RESPONSE('after'));
    assert.ok(running.logs.some((l) => l.includes('410')));
  });

  it('stops with a RuntimeApiError when the Runtime API answers 500', async () => {
    running = await run(() => of({ n: 1 }), { responseMode: 'buffered' });
    const { api } = running;
    api.statusFor = () => 500;
    api.enqueue({ requestId: 'broken', event: {} });
    await assert.rejects(running.done, (e: unknown) => e instanceof RuntimeApiError && e.statusCode === 500);
  });

  it('gives up with a RuntimeApiError when /next keeps failing to connect', async function () {
    this.timeout(10_000);
    const api = await RecordingRuntimeApi.start();
    const address = api.address;
    await api.close();
    const done = startRuntime(() => of(1), { runtimeApi: address, patchConsole: false, log: () => undefined });
    await assert.rejects(done, (e: unknown) => e instanceof RuntimeApiError && /giving up/.test(e.message));
  });

  it('fails an invocation whose push source outruns the socket with BackpressureOverflowError, and survives', async () => {
    const chunk = Buffer.alloc(64 * 1024, 1);
    running = await run(
      (event) =>
        (event as { flood: boolean }).flood
          ? concat(of(head({ statusCode: 200 })), defer(() => of(...Array.from({ length: 200 }, () => chunk))))
          : of('fine'),
      { bufferLimit: 0, highWaterMark: 1024 * 1024 },
    );
    const { api } = running;
    api.enqueue({ requestId: 'flood', event: { flood: true } });
    api.enqueue({ requestId: 'calm', event: { flood: false } });
    const flood = await api.waitFor((r) => r.url === RESPONSE('flood'));
    assert.equal(flood.trailers['lambda-runtime-function-error-type'], `Function.${new BackpressureOverflowError(0, 0).name}`);
    const calm = await api.waitFor((r) => r.url === RESPONSE('calm'));
    assert.equal(calm.body.toString(), 'fine');
  });

  it('delivers a chunk emitted after the commit before the handler emits the next one', async () => {
    const released: (() => void)[] = [];
    const arrived: string[] = [];
    running = await run(
      () =>
        new Observable<unknown>((subscriber) => {
          subscriber.next(head({ statusCode: 200 }));
          let n = 0;
          const emit = (): void => {
            n += 1;
            if (n > 3) return subscriber.complete();
            subscriber.next(`chunk-${n};`);
            released.push(emit);
          };
          emit();
        }),
      { bufferLimit: 1 },
    );
    const { api } = running;
    api.onBodyData = (_url, data) => {
      arrived.push(data.toString('latin1'));
      // The handler emits its next chunk only once this one reached the server.
      const text = arrived.join('');
      const last = /chunk-(\d);/g;
      let count = 0;
      while (last.exec(text)) count++;
      if (count === released.length) released[count - 1]?.();
    };
    api.enqueue({ requestId: 'sig', event: {} });
    const posted = await api.waitFor((r) => r.url === RESPONSE('sig'));
    assert.ok(posted.body.toString('latin1').endsWith('chunk-1;chunk-2;chunk-3;'));
  });

  it('runs AWS_LAMBDA_MAX_CONCURRENCY invocations at once, each with its own context', async () => {
    const gate: (() => void)[] = [];
    running = await run(
      (_e, ctx) => new Observable((s) => { gate.push(() => { s.next({ id: ctx.awsRequestId }); s.complete(); }); }),
      { concurrency: 3, responseMode: 'buffered' },
    );
    const { api } = running;
    for (const id of ['c1', 'c2', 'c3']) api.enqueue({ requestId: id, event: {} });
    while (gate.length < 3) await new Promise((r) => setTimeout(r, 5));
    for (const open of gate) open();
    for (const id of ['c1', 'c2', 'c3']) {
      const posted = await api.waitFor((r) => r.url === RESPONSE(id));
      assert.deepEqual(JSON.parse(posted.body.toString()), { id });
    }
    assert.ok(running.logs.length === 0 || running.logs.every((l) => l.startsWith('{')));
  });

  it('reads a pull source only as fast as the socket drains', async () => {
    const chunk = Buffer.alloc(16 * 1024, 7);
    const total = 2048;
    let received = 0;
    let maxLead = 0;
    running = await run(async function* () {
      for (let i = 0; i < total; i++) {
        maxLead = Math.max(maxLead, (i + 1) * chunk.length - received);
        yield chunk;
      }
    }, { bufferLimit: 0 });
    const { api } = running;
    api.onBodyData = (_url, data) => (received += data.length);
    api.enqueue({ requestId: 'pull', event: {} });
    const posted = await api.waitFor((r) => r.url === RESPONSE('pull'));
    assert.equal(posted.body.length, total * chunk.length);
    assert.equal(posted.trailers['lambda-runtime-function-error-type'], undefined);
    // Only what the socket and kernel buffers hold may be ahead of the server, never the whole 32 MiB.
    assert.ok(maxLead < 16 * 1024 * 1024, `producer ran ${maxLead} bytes ahead of the server`);
  });

  it('streams a pull source under a highWaterMark smaller than the socket write buffer without overflowing it', async () => {
    const chunk = Buffer.alloc(16 * 1024, 3);
    const total = 256;
    running = await run(async function* () {
      for (let i = 0; i < total; i++) yield chunk;
    }, { bufferLimit: 0, highWaterMark: 256 * 1024 });
    const { api } = running;
    api.onBodyData = () => undefined;
    api.enqueue({ requestId: 'small-hwm', event: {} });
    const posted = await api.waitFor((r) => r.url === RESPONSE('small-hwm'));
    assert.equal(posted.trailers['lambda-runtime-function-error-type'], undefined, `the stream failed: ${posted.trailers['lambda-runtime-function-error-body'] ?? ''}`);
    assert.equal(posted.body.length, total * chunk.length);
  });

  it('stops a response with take() cleanly', async () => {
    running = await run(() => timer(0, 1).pipe(take(3), map((n) => `${n}`)), { flushAfterMs: 0 });
    const { api } = running;
    api.enqueue({ requestId: 'take', event: {} });
    const posted = await api.waitFor((r) => r.url === RESPONSE('take'));
    assert.equal(posted.body.toString(), '012');
  });
});
