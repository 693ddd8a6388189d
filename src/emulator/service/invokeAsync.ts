import { EVENT_RETRY_DELAYS_MS } from '../emulatorLimits.js';
import type { FunctionPool } from '../environments/FunctionPool.js';

/**
 * Runs an `Event` invoke in the background as Lambda does: queued until an environment
 * is free, and on failure retried with the same request id after each of
 * `EVENT_RETRY_DELAYS_MS` (twice), with a console line for each retry and for the final
 * failure. The client context is not passed: Lambda gives it to synchronous invokes only.
 * Returns `undefined` when the function's queue of waiting `Event` invokes is full
 * (`EVENT_QUEUE_MAX_EVENTS`, `EVENT_QUEUE_MAX_BYTES`): the caller answers 429.
 *
 * @example
 * ```ts
 * const requestId = invokeAsync(pool, payload);
 * if (requestId !== undefined) res.writeHead(202, { 'x-amzn-requestid': requestId });
 * ```
 */
export function invokeAsync(pool: FunctionPool, payload: Uint8Array, requestId: string = crypto.randomUUID(), attempt = 0): string | undefined {
  const invocation = pool.invocation({
    requestId,
    payload,
    consumer: {
      start: () => undefined,
      write: () => undefined,
      end(outcome) {
        if (outcome.kind !== 'error') return;
        const delay = EVENT_RETRY_DELAYS_MS[attempt];
        const what = `[${pool.fn.name}] Event invoke ${requestId} failed with ${outcome.errorType}`;
        if (delay === undefined) {
          pool.log(`${what}; no retries left`);
          return;
        }
        pool.log(`${what}; retry ${attempt + 1} of ${EVENT_RETRY_DELAYS_MS.length} in ${delay} ms`);
        setTimeout(() => invokeAsync(pool, payload, requestId, attempt + 1), delay).unref();
      },
    },
  });
  if (pool.invokeWhenFree(invocation)) return requestId;
  if (attempt > 0) pool.log(`[${pool.fn.name}] Event invoke ${requestId} dropped: the queue of asynchronous invocations is full`);
  return undefined;
}
