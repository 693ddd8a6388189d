import type { ClientContext, CognitoIdentity } from 'aws-lambda';
import { contextCallbacks } from '../core/contextCallbacks.js';
import type { InvocationContext } from '../handler.js';
import { clampDeadline } from './clampDeadline.js';

/** The context object AWS's Node runtime passes to handlers (the fields rx-lambda reads). */
export interface ManagedContext {
  readonly awsRequestId: string;
  readonly invokedFunctionArn?: string;
  readonly functionName?: string;
  readonly functionVersion?: string;
  readonly memoryLimitInMB?: string;
  readonly logGroupName?: string;
  readonly logStreamName?: string;
  readonly xRayTraceId?: string;
  readonly clientContext?: ClientContext;
  readonly identity?: CognitoIdentity;
  readonly tenantId?: string;
  getRemainingTimeInMillis(): number;
}

/**
 * An `InvocationContext` over the managed runtime's context: the same fields, the trace
 * id (`xRayTraceId`, else `_X_AMZN_TRACE_ID`), the deadline from the remaining time, and
 * the given `signal`.
 *
 * @example
 * ```ts
 * const ctx = fromManagedContext(lambdaContext, controller.signal);
 * ```
 */
export function fromManagedContext(context: ManagedContext, signal: AbortSignal): InvocationContext {
  const deadlineMs = clampDeadline(Date.now() + context.getRemainingTimeInMillis());
  return {
    awsRequestId: context.awsRequestId,
    invokedFunctionArn: context.invokedFunctionArn ?? '',
    functionName: context.functionName ?? process.env.AWS_LAMBDA_FUNCTION_NAME ?? '',
    functionVersion: context.functionVersion ?? '$LATEST',
    memoryLimitInMB: context.memoryLimitInMB ?? '',
    logGroupName: context.logGroupName ?? '',
    logStreamName: context.logStreamName ?? '',
    deadlineMs,
    getRemainingTimeInMillis: () => Math.max(0, deadlineMs - Date.now()),
    traceId: context.xRayTraceId ?? process.env._X_AMZN_TRACE_ID,
    clientContext: context.clientContext,
    identity: context.identity,
    tenantId: context.tenantId,
    signal,
    ...contextCallbacks(),
  };
}
