import type { ClientContext, CognitoIdentity } from 'aws-lambda';
import { contextCallbacks } from '../core/contextCallbacks.js';
import type { InvocationContext } from '../handler.js';
import { RUNTIME_API_HEADER_KEYS } from '../wire/runtimeApiVocabulary.js';
import { clampDeadline } from './clampDeadline.js';

type Env = Readonly<Record<string, string | undefined>>;

/** Longest an invocation may run when the Runtime API sends no deadline, ms (15 minutes). Source: Lambda quotas. */
const NO_DEADLINE_FALLBACK_MS = 15 * 60 * 1000;

/** A JSON object header, parsed; anything else (absent, not JSON, not an object) is `undefined`. */
function parseJsonHeader<T>(value: string | undefined): T | undefined {
  if (value === undefined || value === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === 'object' && parsed !== null ? (parsed as T) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Builds an `InvocationContext` from the `Lambda-Runtime-*` headers of `/next`
 * (lower-cased names) and the function's environment.
 *
 * @example
 * ```ts
 * const ctx = buildContext({ 'lambda-runtime-aws-request-id': 'r1', 'lambda-runtime-deadline-ms': '1700000000000' }, signal);
 * ctx.getRemainingTimeInMillis();
 * ```
 */
export function buildContext(headers: Readonly<Record<string, string | undefined>>, signal: AbortSignal, env: Env = process.env): InvocationContext {
  const deadline = Number(headers[RUNTIME_API_HEADER_KEYS.deadlineMs]);
  // Clamped, so no timer set from it can overflow (a deadline past ~24.8 days would fire at once).
  const deadlineMs = Number.isFinite(deadline) && deadline > 0 ? clampDeadline(deadline) : Date.now() + NO_DEADLINE_FALLBACK_MS;
  return {
    awsRequestId: headers[RUNTIME_API_HEADER_KEYS.requestId] ?? '',
    invokedFunctionArn: headers[RUNTIME_API_HEADER_KEYS.invokedFunctionArn] ?? '',
    functionName: env.AWS_LAMBDA_FUNCTION_NAME ?? '',
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION ?? '$LATEST',
    memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE ?? '',
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME ?? '',
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME ?? '',
    deadlineMs,
    getRemainingTimeInMillis: () => Math.max(0, deadlineMs - Date.now()),
    traceId: headers[RUNTIME_API_HEADER_KEYS.traceId] || undefined,
    clientContext: parseJsonHeader<ClientContext>(headers[RUNTIME_API_HEADER_KEYS.clientContext]),
    identity: parseJsonHeader<CognitoIdentity>(headers[RUNTIME_API_HEADER_KEYS.cognitoIdentity]),
    tenantId: headers[RUNTIME_API_HEADER_KEYS.tenantId] || undefined,
    signal,
    ...contextCallbacks(),
  };
}
