import assert from 'node:assert/strict';
import { head } from '../../src/head.js';
import { toStreamingPrelude } from '../../src/sink/toStreamingPrelude.js';

const response = head({
  statusCode: 201,
  headers: { 'content-type': 'text/plain', 'X-Trace': 'a' },
  multiValueHeaders: { vary: ['accept', 'origin'] },
  cookies: ['a=1; Path=/', 'b=2'],
});

describe('toStreamingPrelude', () => {
  it('lists headers and cookies under multiValueHeaders for API Gateway REST', () => {
    const prelude = toStreamingPrelude(response, 'apigw-rest');
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

  for (const shape of ['payload-v2', 'alb'] as const) {
    it(`keeps headers and cookies as they are for ${shape}`, () => {
      const prelude = toStreamingPrelude(response, shape);
      assert.deepEqual(prelude, {
        statusCode: 201,
        headers: response.headers,
        multiValueHeaders: response.multiValueHeaders,
        cookies: response.cookies,
      });
    });
  }

  it('leaves out what the head does not have', () => {
    assert.deepEqual(toStreamingPrelude(head({ statusCode: 204 }), 'payload-v2'), { statusCode: 204 });
  });
});
