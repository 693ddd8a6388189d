import assert from 'node:assert/strict';
import { lastValueFrom, toArray } from 'rxjs';
import { httpResponse, invokeStream, text, type HttpResponseEvent } from 'rx-lambda/client';
import { withExamples } from './startExamples.js';

describe('examples/managedRuntime', () => {
  const examples = withExamples(['managed-runtime']);

  it('streams an HTTP response from under aws-lambda-ric through streamifyHandler', async () => {
    const events = await lastValueFrom(
      invokeStream({ ...examples().target, functionName: 'managed-runtime', payload: { name: 'spec' } }).pipe(httpResponse(), toArray()),
    );
    const head = events[0] as Extract<HttpResponseEvent, { type: 'Head' }>;
    assert.equal(head.type, 'Head');
    assert.equal(head.statusCode, 200);
    assert.equal(head.headers['content-type'], 'text/plain');
    const body = await lastValueFrom(invokeStream({ ...examples().target, functionName: 'managed-runtime', payload: { name: 'spec' } }).pipe(httpResponse(), text(), toArray()));
    assert.equal(body.join(''), 'hello spec from managed-runtime: served by aws-lambda-ric through streamifyHandler\n');
    assert.ok(events.filter((e) => e.type === 'PayloadChunk').length > 1, 'expected the words to arrive in several chunks');
  });
});
