import { strict as assert } from 'node:assert';
import { defer, throwError } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { LambdaServiceError, TransportError } from '../../src/errors.js';
import { backoffMs, isRetryable, withRetry } from '../../src/client/withRetry.js';

const throttle = new LambdaServiceError('TooManyRequestsException', 'slow down', 429);
const connectionReset = new TransportError('reset', { cause: Object.assign(new Error('reset'), { code: 'ECONNRESET' }) });

describe('withRetry', () => {
  it('retries a retryable failure with jittered exponential backoff on the given scheduler', () => {
    const scheduler = new TestScheduler((actual, expected) => assert.deepEqual(actual, expected));
    scheduler.run(({ cold, expectObservable }) => {
      let attempt = 0;
      const source = defer(() => (++attempt < 3 ? cold('-#', undefined, throttle) : cold('-a|')));
      // random() = 0.5, base 100 ms: waits 50 ms, then 100 ms
      const retried = withRetry(() => source, { baseDelayMs: 100, random: () => 0.5, scheduler });
      expectObservable(retried).toBe('- 50ms - 100ms -a|');
    });
  });

  it('honours Retry-After, capped at maxDelayMs', () => {
    const scheduler = new TestScheduler((actual, expected) => assert.deepEqual(actual, expected));
    scheduler.run(({ cold, expectObservable }) => {
      let attempt = 0;
      const wait = new LambdaServiceError('TooManyRequestsException', 'wait', 429, 60);
      const source = defer(() => (++attempt < 2 ? cold('#', undefined, wait) : cold('a|')));
      expectObservable(withRetry(() => source, { maxDelayMs: 5000, scheduler })).toBe('5000ms a|');
    });
  });

  it('never retries after the first value', () => {
    const scheduler = new TestScheduler((actual, expected) => assert.deepEqual(actual, expected));
    scheduler.run(({ cold, expectObservable }) => {
      const source = cold('a#', undefined, throttle);
      expectObservable(withRetry(() => source, { baseDelayMs: 0, scheduler })).toBe('a#', undefined, throttle);
    });
  });

  it('passes non-retryable errors through at once', () => {
    const scheduler = new TestScheduler((actual, expected) => assert.deepEqual(actual, expected));
    scheduler.run(({ expectObservable }) => {
      const notFound = new LambdaServiceError('ResourceNotFoundException', 'gone', 404);
      expectObservable(withRetry(() => throwError(() => notFound), { scheduler })).toBe('#', undefined, notFound);
    });
  });
});

describe('isRetryable', () => {
  it('accepts 429, 5xx and connection failures, and nothing else', () => {
    assert.equal(isRetryable(throttle), true);
    assert.equal(isRetryable(new LambdaServiceError('ServiceException', 'x', 502)), true);
    assert.equal(isRetryable(connectionReset), true);
    assert.equal(isRetryable(new LambdaServiceError('ServiceException', 'exception frame', undefined)), false);
    assert.equal(isRetryable(new LambdaServiceError('InvalidParameterValueException', 'x', 400)), false);
    assert.equal(isRetryable(new TransportError('timeout', { cause: Object.assign(new Error('t'), { code: 'UND_ERR_HEADERS_TIMEOUT' }) })), false);
    assert.equal(isRetryable(new Error('other')), false);
  });
});

describe('backoffMs', () => {
  it('grows exponentially under the cap', () => {
    const full = { random: () => 0.999999, baseDelayMs: 100, maxDelayMs: 1000 };
    assert.deepEqual([1, 2, 3, 4, 5].map((n) => backoffMs(throttle, n, full)), [99, 199, 399, 799, 999]);
  });
});
