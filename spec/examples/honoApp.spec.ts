import assert from 'node:assert/strict';
import { lastValueFrom } from 'rxjs';
import { invoke } from 'rx-lambda/client';
import { BINARY_BYTES } from '../../examples/honoApp.js';
import type { ProxyResult } from '../../src/sink/toProxyResult.js';
import { loadEvent } from '../sources/loadEvent.js';
import { withExamples } from './startExamples.js';
import { withDeadline } from '../../test-support/withDeadline.js';



describe('examples/honoApp', () => {
  const examples = withExamples(['hono-app', 'hono-app-buffered', 'hono-app-managed']);
  const url = (path: string) => `${examples().emulator.url}/lambda-url/hono-app${path}`;
  const invokeBuffered = async (event: unknown): Promise<ProxyResult> => {
    const result = await lastValueFrom(invoke({ ...examples().target, functionName: 'hono-app-buffered', payload: event }));
    return JSON.parse(new TextDecoder().decode(result.payload)) as ProxyResult;
  };

  describe('behind a Function URL', () => {
    it('answers the JSON route with its status, headers, query and cookies', async () => {
      const response = await withDeadline(fetch(url('/api/hello?name=spec'), { headers: { cookie: 'a=1' } }), 'the JSON route');
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
      assert.equal(response.headers.get('cache-control'), 'no-store');
      assert.deepEqual(await response.json(), { hello: 'spec', method: 'GET', cookie: 'a=1' });
    });

    it('streams the streamText route: the first line arrives before the last is written', async () => {
      const response = await withDeadline(fetch(url('/stream?lines=20')), 'the stream head');
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /^text\/plain/);
      const reader = response.body!.getReader();
      const first = await withDeadline(reader.read(), 'the first streamed line');
      const firstText = new TextDecoder().decode(first.value);
      assert.match(firstText, /^line 1 of 20\n/);
      assert.doesNotMatch(firstText, /line 20 of 20/, 'the first read holds only the first lines');
      let rest = '';
      for (;;) {
        const next = await withDeadline(reader.read(), 'the rest of the stream');
        if (next.done) break;
        rest += new TextDecoder().decode(next.value);
      }
      assert.ok((firstText + rest).endsWith('line 20 of 20\n'));
    });

    it('streams the SSE route as text/event-stream events', async () => {
      const response = await withDeadline(fetch(url('/events')), 'the SSE route');
      assert.equal(response.headers.get('content-type'), 'text/event-stream');
      const body = await withDeadline(response.text(), 'the SSE body');
      const ids = [...body.matchAll(/^id: (\d+)$/gm)].map((match) => match[1]);
      assert.deepEqual(ids, ['1', '2', '3']);
      assert.match(body, /^event: tick\ndata: \{"id":1\}\nid: 1\n\n/m);
    });

    it('answers the redirect without a body, and the response ends', async () => {
      const response = await withDeadline(fetch(url('/old'), { redirect: 'manual' }), 'the redirect');
      assert.equal(response.status, 301);
      assert.equal(response.headers.get('location'), '/api/hello');
      assert.equal(await withDeadline(response.text(), 'the end of the redirect'), '');
    });

    it('answers the binary route with its exact bytes', async () => {
      const response = await withDeadline(fetch(url('/logo.png')), 'the binary route');
      assert.equal(response.headers.get('content-type'), 'image/png');
      assert.deepEqual(new Uint8Array(await response.arrayBuffer()), BINARY_BYTES);
    });
  });

  describe('under the managed runtime (aws-lambda-ric, streamifyHandler)', () => {
    const managed = (path: string) => `${examples().emulator.url}/lambda-url/hono-app-managed${path}`;

    it('streams the streamText route line by line', async () => {
      const response = await withDeadline(fetch(managed('/stream?lines=10')), 'the stream head');
      const reader = response.body!.getReader();
      const first = new TextDecoder().decode((await withDeadline(reader.read(), 'the first streamed line')).value);
      assert.match(first, /^line 1 of 10\n/);
      assert.doesNotMatch(first, /line 10 of 10/);
      await reader.cancel();
    });

    it('answers the redirect without a body, and the response ends', async () => {
      const response = await withDeadline(fetch(managed('/old'), { redirect: 'manual' }), 'the redirect');
      assert.equal(response.status, 301);
      assert.equal(response.headers.get('location'), '/api/hello');
      assert.equal(await withDeadline(response.text(), 'the end of the redirect'), '');
    });
  });

  // API Gateway and ALB call Invoke with their event shapes; these tests send those events
  // to Invoke directly, as the services do.
  describe('through Invoke with the HTTP sources’ event shapes', () => {
    it('answers an HTTP API (payload 2.0) event with a proxy result', async () => {
      const event = loadEvent('apigw-http') as Record<string, unknown> & { requestContext: { http: Record<string, string> } };
      Object.assign(event, { rawPath: '/api/hello', rawQueryString: 'name=http', body: undefined, isBase64Encoded: false });
      event.requestContext.http.method = 'GET';
      const result = await invokeBuffered(event);
      assert.equal(result.statusCode, 200);
      assert.equal(result.isBase64Encoded, false);
      assert.deepEqual(JSON.parse(result.body), { hello: 'http', method: 'GET', cookie: 'session=abc; theme=dark' });
    });

    it('answers a REST API event: the POST body reaches the app and the status comes back', async () => {
      const event = { ...loadEvent('apigw-rest'), path: '/api/echo', httpMethod: 'POST', body: '{"qty":3}' };
      const result = await invokeBuffered(event);
      assert.equal(result.statusCode, 201);
      assert.deepEqual(JSON.parse(result.body), { received: { qty: 3 } });
    });

    it('answers an ALB event with the binary route base64-encoded', async () => {
      const event = { ...loadEvent('alb'), path: '/logo.png' };
      const result = await invokeBuffered(event);
      assert.equal(result.statusCode, 200);
      assert.equal(result.isBase64Encoded, true);
      assert.deepEqual(new Uint8Array(Buffer.from(result.body, 'base64')), BINARY_BYTES);
    });

    it('answers an ALB event for the redirect with an empty body and its location', async () => {
      const event = loadEvent('alb');
      const result = await invokeBuffered({ ...event, path: '/old' });
      assert.equal(result.statusCode, 301);
      const location = result.headers?.location ?? result.multiValueHeaders?.location?.[0];
      assert.equal(location, '/api/hello');
      assert.equal(result.body, '');
    });

    it('answers a base64 Function URL event body through Invoke', async () => {
      const event = { ...loadEvent('function-url'), rawPath: '/api/echo', rawQueryString: '' } as Record<string, unknown> & {
        requestContext: { http: Record<string, string> };
      };
      event.requestContext.http.method = 'POST';
      const result = await invokeBuffered(event);
      assert.equal(result.statusCode, 201);
      assert.deepEqual(JSON.parse(result.body), { received: { window: '7d' } });
    });
  });
});
