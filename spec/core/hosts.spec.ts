import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { concat, NEVER, Observable, of, throwError, timer, map } from 'rxjs';
import { head } from '../../src/head.js';
import type { Handler } from '../../src/handler.js';
import { bufferedHandler, startRuntime, streamifyHandler, type ManagedResponseStream } from '../../src/runtime/index.js';
import type { ManagedContext } from '../../src/runtime/fromManagedContext.js';
import { invokeHandler } from '../../src/testing/invokeHandler.js';
import { sampleEvent } from '../../src/testing/sampleEvent.js';
import { decodeErrorTrailer } from '../../src/wire/lambdaError.js';
import { RecordingRuntimeApi } from '../../test-support/RecordingRuntimeApi.js';

/** What a host delivered for one invocation: the payload bytes, or Lambda's error type and message. */
interface Delivered {
  payload: Buffer;
  errorType?: string;
  errorMessage?: string;
}

type Host = (handler: Handler, event: unknown, timeoutMs: number) => Promise<Delivered>;

function managedContext(timeoutMs: number): ManagedContext {
  const deadline = Date.now() + timeoutMs;
  return { awsRequestId: 'req-1', functionName: 'hosts', getRemainingTimeInMillis: () => deadline - Date.now() };
}

/** The response stream AWS's Node runtime hands a streaming handler, collecting what is written. */
function responseStream(): { stream: ManagedResponseStream; bytes: Buffer[] } {
  const bytes: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      bytes.push(Buffer.from(chunk));
      callback();
    },
  }) as ManagedResponseStream;
  stream.setContentType = () => undefined;
  return { stream, bytes };
}

const fromError = (payload: Buffer, error: unknown): Delivered => {
  const { name, message } = error as Error;
  return { payload, errorType: name, errorMessage: message };
};

const HOSTS: Record<string, Host> = {
  'startRuntime (own runtime loop)': async (handler, event, timeoutMs) => {
    const api = await RecordingRuntimeApi.start();
    const controller = new AbortController();
    const done = startRuntime(handler, { runtimeApi: api.address, signal: controller.signal, patchConsole: false, log: () => undefined });
    try {
      api.enqueue({ requestId: 'req-1', event, headers: { 'lambda-runtime-deadline-ms': String(Date.now() + timeoutMs) } });
      const posted = await api.waitFor((r) => r.url.startsWith('/2018-06-01/runtime/invocation/req-1/'), 'the response or error of req-1');
      if (posted.url.endsWith('/error')) {
        const body = JSON.parse(posted.body.toString()) as { errorType: string; errorMessage: string };
        return { payload: Buffer.alloc(0), errorType: body.errorType, errorMessage: body.errorMessage };
      }
      const trailer = posted.trailers['lambda-runtime-function-error-body'];
      const error = trailer === undefined ? undefined : decodeErrorTrailer(trailer);
      return error ? { payload: posted.body, errorType: error.errorType, errorMessage: error.errorMessage } : { payload: posted.body };
    } finally {
      controller.abort();
      await done.catch(() => undefined);
      await api.close();
    }
  },
  'streamifyHandler (managed runtime, streaming)': async (handler, event, timeoutMs) => {
    const { stream, bytes } = responseStream();
    try {
      await streamifyHandler(handler)(event, stream, managedContext(timeoutMs));
      return { payload: Buffer.concat(bytes) };
    } catch (error) {
      return fromError(Buffer.concat(bytes), error);
    }
  },
  'bufferedHandler (managed runtime, buffered)': async (handler, event, timeoutMs) => {
    try {
      const value = await bufferedHandler(handler)(event, managedContext(timeoutMs));
      // The managed runtime JSON-encodes what a buffered handler returns.
      return { payload: Buffer.from(JSON.stringify(value)) };
    } catch (error) {
      return fromError(Buffer.alloc(0), error);
    }
  },
  'invokeHandler (test harness)': async (handler, event, timeoutMs) => {
    const result = await invokeHandler(handler, event, { timeoutMs });
    return { payload: Buffer.from(result.payload), ...(result.error ? { errorType: result.error.errorType, errorMessage: result.error.errorMessage } : {}) };
  },
};

/** What the caller reads from a payload: a streaming prelude + body, a proxy result, or JSON. */
function callerView(payload: Buffer): unknown {
  const nul = payload.indexOf(Buffer.alloc(8));
  if (nul > 0 && payload[0] === 0x7b) {
    const prelude = JSON.parse(payload.subarray(0, nul).toString()) as { statusCode: number; cookies?: string[] };
    return { statusCode: prelude.statusCode, cookies: prelude.cookies, body: payload.subarray(nul + 8).toString() };
  }
  const value = JSON.parse(payload.toString()) as Record<string, unknown>;
  if (typeof value === 'object' && value !== null && 'statusCode' in value && 'body' in value) {
    return { statusCode: value.statusCode, cookies: value.cookies, body: value.body };
  }
  return value;
}

const httpHandler: Handler = () => concat(of(head({ statusCode: 201, headers: { 'content-type': 'text/plain' }, cookies: ['a=1'] })), of('hi ', 'there'));

for (const [name, host] of Object.entries(HOSTS)) {
  describe(`the core behind ${name}`, function () {
    this.timeout(10_000);

    it('answers a JSON result', async () => {
      const out = await host(() => of({ ok: 1 }), {}, 3000);
      assert.equal(out.errorType, undefined);
      assert.deepEqual(callerView(out.payload), { ok: 1 });
    });

    it('answers an HTTP API event with a proxy result in any mode', async () => {
      const out = await host(httpHandler, sampleEvent('apigw-http'), 3000);
      assert.equal(out.payload.indexOf(Buffer.alloc(8)), -1, 'no streaming prelude for a caller that cannot stream');
      assert.deepEqual(callerView(out.payload), { statusCode: 201, cookies: ['a=1'], body: 'hi there' });
    });

    it('answers a Function URL with status, cookies and body', async () => {
      const out = await host(httpHandler, sampleEvent('function-url'), 3000);
      assert.deepEqual(callerView(out.payload), { statusCode: 201, cookies: ['a=1'], body: 'hi there' });
    });

    it("reports a handler's error with its name as the error type", async () => {
      const out = await host(() => throwError(() => new TypeError('bad input')), {}, 3000);
      assert.equal(out.errorType, 'TypeError');
      assert.equal(out.errorMessage, 'bad input');
    });

    it('reports an error after the first bytes with the same type', async () => {
      const late: Handler = () => concat(of(head({ statusCode: 200 }), 'first;'), timer(120).pipe(map(() => { throw new RangeError('late'); })));
      const out = await host(late, sampleEvent('function-url'), 3000);
      assert.equal(out.errorType, 'RangeError');
      assert.equal(out.errorMessage, 'late');
    });

    it('stops a handler at its deadline with Sandbox.Timedout and Lambda\'s message', async () => {
      const out = await host(() => NEVER, {}, 1000);
      assert.equal(out.errorType, 'Sandbox.Timedout');
      assert.equal(out.errorMessage, 'Task timed out after 1.00 seconds');
    });

    it('refuses a proxy result over 6 MiB with Function.ResponseSizeTooLarge', async () => {
      const big = Buffer.alloc(6 * 1024 * 1024 + 200, 0x61);
      const out = await host(() => of(head({ statusCode: 200, headers: { 'content-type': 'text/plain' } }), big), sampleEvent('alb'), 3000);
      assert.equal(out.errorType, 'Function.ResponseSizeTooLarge');
    });

    it('runs a handler whose Observable throws on subscribe as an error, not a crash', async () => {
      const out = await host(() => new Observable(() => { throw new SyntaxError('at subscribe'); }), {}, 3000);
      assert.equal(out.errorType, 'SyntaxError');
    });
  });
}
