import assert from 'node:assert/strict';
import { lastValueFrom, toArray } from 'rxjs';
import { FunctionError, invoke, invokeFunctionUrl, text, type HttpResponseEvent } from 'rx-lambda/client';
import { withExamples } from './startExamples.js';

type Head = Extract<HttpResponseEvent, { type: 'Head' }>;

describe('examples/httpResponse', () => {
  const examples = withExamples(['http-response']);
  const url = (path: string) => `${examples().emulator.url}/lambda-url/http-response${path}`;
  const call = async (path: string, init: Parameters<typeof invokeFunctionUrl>[1] = {}) => {
    const events = await lastValueFrom(invokeFunctionUrl(url(path), init).pipe(toArray()));
    const body = await lastValueFrom(invokeFunctionUrl(url(path), init).pipe(text(), toArray()));
    return { head: events[0] as Head, body: body.join('') };
  };

  it('answers GET / with status, headers and cookies behind the Function URL', async () => {
    const { head, body } = await call('/?name=spec', { headers: { cookie: 'visits=9' } });
    assert.equal(head.type, 'Head');
    assert.equal(head.statusCode, 200);
    assert.equal(head.headers['content-type'], 'application/json');
    assert.equal(head.headers['x-powered-by'], 'rx-lambda');
    assert.deepEqual(head.cookies, ['visits=10; Path=/; HttpOnly; SameSite=Lax', 'theme=dark; Path=/']);
    assert.deepEqual(JSON.parse(body), { hello: 'spec', visits: 10 });
  });

  it('answers POST /items with 201 and a location, and 400 without a name', async () => {
    const created = await call('/items', { method: 'POST', body: JSON.stringify({ name: 'a b' }) });
    assert.equal(created.head.statusCode, 201);
    assert.equal(created.head.headers.location, '/items/a%20b');
    const rejected = await call('/items', { method: 'POST', body: '{}' });
    assert.equal(rejected.head.statusCode, 400);
    assert.equal(rejected.body, 'name is required\n');
  });

  it('answers 404 for other paths', async () => {
    const { head, body } = await call('/nowhere');
    assert.equal(head.statusCode, 404);
    assert.equal(body, 'no route for GET /nowhere\n');
  });

  it('fails a non-HTTP event with a function error', async () => {
    await assert.rejects(lastValueFrom(invoke({ ...examples().target, functionName: 'http-response', payload: { hello: 1 } })), FunctionError);
  });
});
