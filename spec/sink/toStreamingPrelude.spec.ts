import assert from 'node:assert/strict';
import { head } from '../../src/head.js';
import { toStreamingPrelude } from '../../src/sink/toStreamingPrelude.js';
import { loadEvent } from '../sources/loadEvent.js';

const response = head({
  statusCode: 201,
  headers: { 'content-type': 'text/plain', 'X-Trace': 'a' },
  multiValueHeaders: { vary: ['accept', 'origin'] },
  cookies: ['a=1; Path=/', 'b=2'],
});

describe('toStreamingPrelude', () => {
  it('lists headers and cookies under multiValueHeaders for API Gateway REST', () => {
    const prelude = toStreamingPrelude(response, loadEvent('apigw-rest'));
    assert.equal(prelude.statusCode, 201);
    assert.deepEqual(prelude.headers, { 'content-type': 'text/plain', 'X-Trace': 'a' });
    assert.deepEqual(prelude.multiValueHeaders, {
      'content-type': ['text/plain'],
      'x-trace': ['a'],
      vary: ['accept', 'origin'],
      'set-cookie': ['a=1; Path=/', 'b=2'],
    });
    assert.equal(prelude.cookies, undefined);
  });

  for (const source of ['function-url', 'apigw-http']) {
    it(`keeps headers and cookies as they are for ${source}`, () => {
      const prelude = toStreamingPrelude(response, loadEvent(source));
      assert.deepEqual(prelude, {
        statusCode: 201,
        headers: response.headers,
        multiValueHeaders: response.multiValueHeaders,
        cookies: response.cookies,
      });
    });
  }

  it('leaves out what the head does not have', () => {
    assert.deepEqual(toStreamingPrelude(head({ statusCode: 204 }), {}), { statusCode: 204 });
  });
});
