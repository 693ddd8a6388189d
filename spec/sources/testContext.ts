import { contextCallbacks } from '../../src/core/contextCallbacks.js';
import type { InvocationContext } from '../../src/handler.js';

/** An invocation context for unit tests: no deadline unless given, a fresh signal unless given. */
export function testContext(init: { deadlineMs?: number; signal?: AbortSignal } = {}): InvocationContext {
  const deadlineMs = init.deadlineMs ?? Number.POSITIVE_INFINITY;
  return {
    awsRequestId: 'req-1',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:test',
    functionName: 'test',
    functionVersion: '$LATEST',
    memoryLimitInMB: '128',
    logGroupName: '/aws/lambda/test',
    logStreamName: 'stream',
    deadlineMs,
    getRemainingTimeInMillis: () => deadlineMs - Date.now(),
    traceId: undefined,
    clientContext: undefined,
    identity: undefined,
    tenantId: undefined,
    signal: init.signal ?? new AbortController().signal,
    ...contextCallbacks(),
  };
}
