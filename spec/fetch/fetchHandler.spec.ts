import assert from 'node:assert/strict';
import { from, lastValueFrom, toArray, type Observable } from 'rxjs';
import { EventSourceMismatchError } from '../../src/errors.js';
import { fetchHandler, type FetchEnv } from '../../src/fetch/fetchHandler.js';
import { isHead, type HeadEmission } from '../../src/head.js';
import type { HttpEvent } from '../../src/sources/route.js';
import { loadEvent } from '../sources/loadEvent.js';
import { testContext } from '../sources/testContext.js';

const run = (handler: ReturnType<typeof fetchHandler>, event: unknown, context = testContext()) =>
  lastValueFrom(from(handler(event as HttpEvent, context) as Observable<unknown>).pipe(toArray()));

describe('fetchHandler', () => {
  it('hands the app a Request and the Lambda event and context, and emits its Response as head and body', async () => {
    let seen: { request: Request; env: FetchEnv } | undefined;
    const handler = fetchHandler(async (request, env) => {
      seen = { request, env };
      return new Response(`${request.method} ${new URL(request.url).pathname}`, { status: 202, headers: { 'content-type': 'text/plain' } });
    });
    const event = loadEvent('function-url');
    const context = testContext();
    const values = await run(handler, event, context);
    assert.equal(seen?.env.event, event);
    assert.equal(seen?.env.context, context);
    const first = values[0] as HeadEmission;
    assert.ok(isHead(first));
    assert.equal(first.statusCode, 202);
    assert.equal(Buffer.concat(values.slice(1) as Uint8Array[]).toString(), 'PUT /stream/q3%20report');
  });

  it('aborts the Request when the invocation is cancelled', async () => {
    const controller = new AbortController();
    let signal: AbortSignal | undefined;
    const handler = fetchHandler((request) => {
      signal = request.signal;
      return new Response(null, { status: 204 });
    });
    await run(handler, loadEvent('alb'), testContext({ signal: controller.signal }));
    assert.equal(signal?.aborted, false);
    controller.abort();
    assert.equal(signal?.aborted, true);
  });

  it('errors with what the app throws, and with EventSourceMismatchError for a non-HTTP event', async () => {
    const failing = fetchHandler(() => {
      throw new TypeError('boom');
    });
    await assert.rejects(run(failing, loadEvent('alb')), TypeError);
    await assert.rejects(run(fetchHandler(() => new Response('x')), loadEvent('sqs')), EventSourceMismatchError);
  });

  it('calls the app once per subscription, not when the handler is called', async () => {
    let calls = 0;
    const handler = fetchHandler(() => {
      calls++;
      return new Response('x');
    });
    const source = handler(loadEvent('alb') as HttpEvent, testContext());
    assert.equal(calls, 0);
    await lastValueFrom(from(source as Observable<unknown>).pipe(toArray()));
    assert.equal(calls, 1);
  });
});
