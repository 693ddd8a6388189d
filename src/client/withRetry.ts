import { asyncScheduler, defer, Observable, retry, throwError, timer } from 'rxjs';
import { LambdaServiceError } from '../errors.js';
import type { RetryOptions } from './ClientOptions.js';
import { DEFAULT_MAX_ATTEMPTS, DEFAULT_RETRY_BASE_DELAY_MS, DEFAULT_RETRY_MAX_DELAY_MS } from './clientDefaults.js';
import { isConnectionFailure } from './dispatchRequest.js';

/** True for failures worth another attempt: throttling (429), 5xx from the service, connection failures. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof LambdaServiceError) {
    return error.statusCode !== undefined && (error.statusCode === 429 || error.statusCode >= 500);
  }
  return isConnectionFailure(error);
}

/** Backoff before retry `n` (1-based): `Retry-After` when sent (capped), else full jitter. */
export function backoffMs(error: unknown, n: number, options: RetryOptions): number {
  const max = options.maxDelayMs ?? DEFAULT_RETRY_MAX_DELAY_MS;
  if (error instanceof LambdaServiceError && error.retryAfterSeconds !== undefined) {
    return Math.min(max, error.retryAfterSeconds * 1000);
  }
  const base = options.baseDelayMs ?? DEFAULT_RETRY_BASE_DELAY_MS;
  const random = options.random ?? Math.random;
  return Math.floor(random() * Math.min(max, base * 2 ** (n - 1)));
}

/**
 * Subscribes to `attempt()` and retries it on a retryable failure while it has not emitted
 * anything: once a value has gone out, errors pass through untouched.
 *
 * @example
 * ```ts
 * withRetry(() => dispatchRequest(wire, timeouts), { maxAttempts: 5 });
 * ```
 */
export function withRetry<T>(attempt: () => Observable<T>, options: RetryOptions | false | undefined): Observable<T> {
  const settings = options === false ? { maxAttempts: 1 } : (options ?? {});
  const attempts = Math.max(1, settings.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
  if (attempts === 1) return defer(attempt);
  return new Observable<T>((subscriber) => {
    let emitted = false;
    return defer(attempt)
      .pipe(
        retry({
          count: attempts - 1,
          delay: (error: unknown, n: number) =>
            !emitted && isRetryable(error)
              ? timer(backoffMs(error, n, settings), settings.scheduler ?? asyncScheduler)
              : throwError(() => error),
        }),
      )
      .subscribe({
        next(value) {
          emitted = true;
          subscriber.next(value);
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      });
  });
}
