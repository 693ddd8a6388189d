import assert from 'node:assert/strict';
import { concat, map, NEVER, Observable, of, timer } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { head } from '../../src/head.js';
import type { Handler } from '../../src/handler.js';
import { BUFFERED_RESPONSE_MAX_BYTES } from '../../src/limits.js';
import { invokeHandler, type InvokeHandlerOptions } from '../../src/testing/invokeHandler.js';
import type { InvocationResult } from '../../src/testing/InvocationResult.js';
import { sampleEvent } from '../../src/testing/sampleEvent.js';

/** Runs `invokeHandler` in virtual time: marbles and timers in the handler use the test scheduler's clock. */
async function virtual(build: (helpers: Parameters<Parameters<TestScheduler['run']>[0]>[0]) => Handler, event: unknown, options: InvokeHandlerOptions = {}): Promise<InvocationResult> {
  const scheduler = new TestScheduler((actual, expected) => assert.deepEqual(actual, expected));
  let result: Promise<InvocationResult> | undefined;
  scheduler.run((helpers) => {
    result = invokeHandler(build(helpers), event, { ...options, scheduler });
  });
  return result!;
}

const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');
const chunkTimes = (result: InvocationResult): [string, number][] => result.chunks.map((c) => [text(c.bytes), c.atMs]);

describe('invokeHandler', () => {
  describe('in virtual time', () => {
    it('holds a response that completes before flushAfterMs and sends it in one piece', async () => {
      const result = await virtual(({ cold }) => () => cold('a 9ms b 9ms c|', { a: 'x', b: 'y', c: 'z' }), {}, { flushAfterMs: 50 });
      assert.equal(result.mode, 'buffered');
      assert.equal(result.commitReason, undefined);
      assert.deepEqual(chunkTimes(result), [['xyz', 21]]);
      assert.equal(result.durationMs, 21);
    });

    it('commits on time: flushAfterMs after the first emission, then passes each chunk on as it comes', async () => {
      const result = await virtual(({ cold }) => () => cold('a 99ms b 99ms c|', { a: 'x', b: 'y', c: 'z' }), {}, { flushAfterMs: 50 });
      assert.equal(result.mode, 'streamed');
      assert.equal(result.commitReason, 'time');
      assert.deepEqual(chunkTimes(result), [['x', 50], ['y', 100], ['z', 200]]);
      assert.equal(result.text(), 'xyz');
    });

    it('commits on size: at the emission that brings the held bytes to bufferLimit', async () => {
      const result = await virtual(({ cold }) => () => cold('a 9ms b 9ms c|', { a: 'ab', b: 'cd', c: 'ef' }), {}, { bufferLimit: 4, flushAfterMs: 1000 });
      assert.equal(result.mode, 'streamed');
      assert.equal(result.commitReason, 'size');
      assert.deepEqual(chunkTimes(result), [['abcd', 10], ['ef', 20]]);
    });

    // The documented margin is 100 ms; written out here so that a change of the constant fails this spec.
    it('stops the handler exactly 100 ms before the deadline with Sandbox.Timedout', async () => {
      let aborted: number | undefined;
      const result = await virtual(
        () => (_event, context) => {
          context.signal.addEventListener('abort', () => (aborted = context.getRemainingTimeInMillis()));
          return NEVER;
        },
        {},
        { timeoutMs: 1000 },
      );
      assert.deepEqual(result.error, { errorType: 'Sandbox.Timedout', errorMessage: 'Task timed out after 1.00 seconds', afterCommit: false });
      assert.equal(result.durationMs, 900);
      assert.equal(aborted, 100);
    });

    it('lets a handler that completes 1 ms before the cut-off answer, and stops one that completes at it', async () => {
      const cutOff = 900;
      const answerAt = (ms: number) => () => () => timer(ms).pipe(map(() => ({ ok: true })));
      const inTime = await virtual(answerAt(cutOff - 1), {}, { timeoutMs: 1000 });
      assert.equal(inTime.error, undefined);
      assert.deepEqual(inTime.json(), { ok: true });
      const late = await virtual(answerAt(cutOff), {}, { timeoutMs: 1000 });
      assert.equal(late.error?.errorType, 'Sandbox.Timedout');
    });

    it('reports a timeout after the commit in the trailers (afterCommit) with what was sent before it', async () => {
      const result = await virtual(({ cold }) => () => concat(cold('a 99ms b', { a: 'x', b: 'y' }), NEVER), {}, { timeoutMs: 2000, flushAfterMs: 50 });
      assert.equal(result.mode, 'streamed');
      assert.deepEqual(result.error, { errorType: 'Sandbox.Timedout', errorMessage: 'Task timed out after 2.00 seconds', afterCommit: true });
      assert.deepEqual(chunkTimes(result), [['x', 50], ['y', 100]]);
    });
  });

  describe('the buffered response limit', () => {
    it(`sends a buffered body of exactly ${BUFFERED_RESPONSE_MAX_BYTES} bytes`, async () => {
      const result = await invokeHandler(() => of(Buffer.alloc(BUFFERED_RESPONSE_MAX_BYTES, 0x61)), {}, { responseMode: 'buffered' });
      assert.equal(result.error, undefined);
      assert.equal(result.payload.byteLength, BUFFERED_RESPONSE_MAX_BYTES);
    });

    it('fails one byte more with Function.ResponseSizeTooLarge before anything is sent', async () => {
      const result = await invokeHandler(() => of(Buffer.alloc(BUFFERED_RESPONSE_MAX_BYTES + 1, 0x61)), {}, { responseMode: 'buffered' });
      assert.equal(result.error?.errorType, 'Function.ResponseSizeTooLarge');
      assert.equal(result.error?.afterCommit, false);
      assert.equal(result.body.byteLength, 0, 'no body was sent');
      const payload = JSON.parse(text(result.payload)) as { errorType: string; stackTrace: string[] };
      assert.equal(payload.errorType, 'Function.ResponseSizeTooLarge', 'the caller gets the error body');
      assert.deepEqual(payload.stackTrace, [], "Lambda's own failures carry no stack of rx-lambda's internals");
    });

    it(`sends a proxy result of exactly ${BUFFERED_RESPONSE_MAX_BYTES} bytes, and refuses one byte more`, async () => {
      const httpHead = head({ statusCode: 200, headers: { 'content-type': 'text/plain' } });
      const framing = (await invokeHandler(() => of(httpHead), sampleEvent('apigw-http'))).payload.byteLength;
      const fits = await invokeHandler(() => of(httpHead, Buffer.alloc(BUFFERED_RESPONSE_MAX_BYTES - framing, 0x61)), sampleEvent('apigw-http'));
      assert.equal(fits.error, undefined);
      assert.equal(fits.payload.byteLength, BUFFERED_RESPONSE_MAX_BYTES);
      const over = await invokeHandler(() => of(httpHead, Buffer.alloc(BUFFERED_RESPONSE_MAX_BYTES - framing + 1, 0x61)), sampleEvent('apigw-http'));
      assert.equal(over.error?.errorType, 'Function.ResponseSizeTooLarge');
    });

    it('counts the proxy result an HTTP API reads, not only the body, against the limit', async () => {
      // The body fits, but its JSON string in the proxy result (quotes, keys, status) does not.
      const body = Buffer.alloc(BUFFERED_RESPONSE_MAX_BYTES - 10, 0x61);
      const result = await invokeHandler(() => of(head({ statusCode: 200, headers: { 'content-type': 'text/plain' } }), body), sampleEvent('apigw-http'));
      assert.equal(result.error?.errorType, 'Function.ResponseSizeTooLarge');
    });
  });

  describe('caller-fit responses', () => {
    const handler: Handler = () =>
      concat(of(head({ statusCode: 201, headers: { 'content-type': 'text/plain', 'x-a': '1' }, cookies: ['a=1', 'b=2'] })), of('hello ', 'world'));
    const cases = [
      { source: 'function-url', mode: 'streaming', expect: 'prelude' },
      { source: 'function-url', mode: 'buffered', expect: 'proxy' },
      { source: 'apigw-http', mode: 'streaming', expect: 'proxy' },
      { source: 'apigw-http', mode: 'buffered', expect: 'proxy' },
      { source: 'alb', mode: 'streaming', expect: 'proxy' },
      { source: 'alb', mode: 'buffered', expect: 'proxy' },
      { source: 'apigw-rest', mode: 'streaming', expect: 'proxy' },
      { source: 'apigw-rest', mode: 'buffered', expect: 'proxy' },
    ] as const;
    for (const { source, mode, expect } of cases) {
      it(`answers ${source} in ${mode} mode with ${expect === 'prelude' ? 'the streaming prelude' : 'a proxy result it can read'}`, async () => {
        const result = await invokeHandler(handler, sampleEvent(source), { responseMode: mode });
        assert.equal(result.error, undefined);
        assert.equal(result.statusCode, 201);
        assert.equal(result.headers['x-a'], '1');
        assert.equal(result.text(), 'hello world');
        const payload = text(result.payload);
        if (expect === 'prelude') {
          assert.ok(payload.includes('\0'.repeat(8)), 'a prelude and its 8 NUL bytes');
          assert.deepEqual(result.cookies, ['a=1', 'b=2']);
          return;
        }
        const proxy = JSON.parse(payload) as Record<string, unknown>;
        assert.equal(proxy.statusCode, 201);
        assert.equal(proxy.body, 'hello world');
        if (source === 'alb') assert.equal(proxy.statusDescription, '201 Created');
        if (source === 'apigw-rest') assert.deepEqual((proxy.multiValueHeaders as Record<string, string[]>)['set-cookie'], ['a=1', 'b=2']);
        if (source === 'function-url' || source === 'apigw-http') assert.deepEqual(proxy.cookies, ['a=1', 'b=2']);
        // ALB without multi-value headers keeps one Set-Cookie: the last.
        assert.deepEqual(result.cookies, source === 'alb' ? ['b=2'] : ['a=1', 'b=2']);
      });
    }

    it('streams to API Gateway REST with multiValueHeaders in the prelude when restStreaming is on', async () => {
      const result = await invokeHandler(handler, sampleEvent('apigw-rest'), { restStreaming: true });
      const payload = text(result.payload);
      const prelude = JSON.parse(payload.slice(0, payload.indexOf('\0'))) as { multiValueHeaders: Record<string, string[]> };
      assert.deepEqual(prelude.multiValueHeaders['set-cookie'], ['a=1', 'b=2']);
      assert.equal(result.text(), 'hello world');
    });

    for (const source of ['apigw-http', 'apigw-rest', 'alb'] as const) {
      it(`answers ${source} with a 200 proxy result for a body emitted without head()`, async () => {
        const result = await invokeHandler(() => of('Stream', 'ing'), sampleEvent(source));
        const proxy = JSON.parse(text(result.payload)) as { statusCode: number; body: string };
        assert.equal(proxy.statusCode, 200);
        assert.equal(proxy.body, 'Streaming');
        assert.equal(result.statusCode, 200);
        assert.equal(result.text(), 'Streaming');
      });
    }

    it('streams a body without head() to a streaming REST integration behind a 200 prelude', async () => {
      const result = await invokeHandler(() => of('plain'), sampleEvent('apigw-rest'), { restStreaming: true });
      assert.ok(text(result.payload).startsWith('{"statusCode":200'), text(result.payload));
      assert.equal(result.text(), 'plain');
    });

    it('keeps a body without head() as raw bytes for a Function URL', async () => {
      const result = await invokeHandler(() => of('plain'), sampleEvent('function-url'));
      assert.equal(text(result.payload), 'plain');
      assert.equal(result.statusCode, undefined);
    });

    it('drops hop-by-hop headers such as transfer-encoding, which the caller sets itself', async () => {
      const withHop = head({ statusCode: 200, headers: { 'Transfer-Encoding': 'chunked', Connection: 'keep-alive', 'x-kept': '1' } });
      for (const source of ['function-url', 'apigw-http'] as const) {
        const result = await invokeHandler(() => of(withHop, 'x'), sampleEvent(source));
        assert.deepEqual(result.headers, { 'x-kept': '1' }, source);
      }
    });

    it('base64-encodes a binary body for a buffered caller and decodes it back in result.body', async () => {
      const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0xff]);
      const result = await invokeHandler(() => of(head({ statusCode: 200, headers: { 'content-type': 'image/png' } }), png), sampleEvent('alb'));
      assert.equal((JSON.parse(text(result.payload)) as { isBase64Encoded: boolean }).isBase64Encoded, true);
      assert.deepEqual(Buffer.from(result.body), png);
    });
  });

  describe('errors and context', () => {
    it('reports a handler error before the commit as Lambda does: errorType is the error name, the payload its error body', async () => {
      const result = await invokeHandler(() => new Observable(() => { throw new TypeError('bad input'); }), {});
      assert.deepEqual(result.error, { errorType: 'TypeError', errorMessage: 'bad input', afterCommit: false });
      const payload = JSON.parse(text(result.payload)) as { errorType: string; errorMessage: string; stackTrace: string[] };
      assert.equal(payload.errorType, 'TypeError');
      assert.equal(payload.errorMessage, 'bad input');
      assert.ok(payload.stackTrace.length > 0, "a handler's own error keeps its stack");
    });

    it('gives the handler a context with the given fields and a working getRemainingTimeInMillis', async () => {
      const result = await invokeHandler(
        (_e, context) => of({ name: context.functionName, remaining: context.getRemainingTimeInMillis() > 0, id: context.awsRequestId.length }),
        {},
        { context: { functionName: 'orders' }, timeoutMs: 5000 },
      );
      assert.deepEqual(result.json(), { name: 'orders', remaining: true, id: 36 });
    });

    it('throws ContextCallbackError for the legacy context.succeed callback', async () => {
      const result = await invokeHandler((_e, context) => {
        context.succeed('x');
        return of('never');
      }, {});
      assert.equal(result.error?.errorType, 'ContextCallbackError');
    });
  });
});
