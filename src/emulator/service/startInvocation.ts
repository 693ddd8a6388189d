import type { ServerResponse } from 'node:http';
import type { FunctionPool } from '../environments/FunctionPool.js';
import type { Invocation, InvocationConsumer } from '../environments/Invocation.js';
import { sendServiceError } from './sendServiceError.js';

/** What a caller endpoint hands over to run one invocation. */
export interface InvocationStart {
  readonly requestId: string;
  readonly payload: Uint8Array;
  readonly clientContext?: string;
  readonly consumer: InvocationConsumer;
}

/**
 * Runs an invocation in a free environment of `pool`, or answers 429
 * `TooManyRequestsException` (with `Retry-After`) when all `concurrency` are busy.
 *
 * @example
 * ```ts
 * startInvocation(res, pool, { requestId, payload, consumer });
 * ```
 */
export function startInvocation(res: ServerResponse, pool: FunctionPool, start: InvocationStart): Invocation | undefined {
  const invocation = pool.invocation(start);
  if (pool.tryInvoke(invocation)) return invocation;
  sendServiceError(res, 'TooManyRequestsException', 'Rate Exceeded.', start.requestId, {
    Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded',
  });
  return undefined;
}
