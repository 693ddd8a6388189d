import assert from 'node:assert/strict';
import { LambdaServiceError, TransportError } from '../../src/errors.js';
import { isRetryable } from '../../src/client/withRetry.js';

describe('isRetryable', () => {
  for (const status of [429, 500, 502, 503, 504]) {
    it(`retries a service answer of ${status}`, () => {
      assert.equal(isRetryable(new LambdaServiceError('ServiceException', 'x', status)), true);
    });
  }
  for (const status of [400, 403, 404, 409, 413, 415]) {
    it(`does not retry a service answer of ${status}`, () => {
      assert.equal(isRetryable(new LambdaServiceError('InvalidRequestContentException', 'x', status)), false);
    });
  }

  it('retries a connection that failed before an answer', () => {
    assert.equal(isRetryable(new TransportError('reset', { cause: Object.assign(new Error('reset'), { code: 'ECONNRESET' }) })), true);
    assert.equal(isRetryable(new TransportError('refused', { cause: Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }) })), true);
  });

  it('does not retry other failures', () => {
    assert.equal(isRetryable(new TransportError('aborted', { cause: Object.assign(new Error('x'), { code: 'UND_ERR_ABORTED' }) })), false);
    assert.equal(isRetryable(new LambdaServiceError('Unknown', 'x', undefined)), false);
    assert.equal(isRetryable(new Error('plain')), false);
  });
});
