import type { ObservableInput } from 'rxjs';

/**
 * The context of one invocation: Lambda's context fields plus an `AbortSignal`.
 *
 * `signal` aborts when the invocation is cancelled or is about to reach its deadline;
 * the runtime then unsubscribes from the handler's Observable, which is how work stops.
 */
export interface InvocationContext {
  readonly awsRequestId: string;
  readonly invokedFunctionArn: string;
  readonly functionName: string;
  readonly functionVersion: string;
  readonly memoryLimitInMB: string;
  readonly logGroupName: string;
  readonly logStreamName: string;
  /** Epoch milliseconds at which Lambda stops the invocation. */
  readonly deadlineMs: number;
  getRemainingTimeInMillis(): number;
  readonly traceId: string | undefined;
  /** The caller's client context (mobile SDK / `X-Amz-Client-Context`), parsed. */
  readonly clientContext: unknown;
  /** The Cognito identity of the caller, parsed. */
  readonly identity: unknown;
  readonly tenantId: string | undefined;
  /** Aborted when the invocation is cancelled or about to time out. */
  readonly signal: AbortSignal;
}

/**
 * A Lambda handler written as an Observable pipeline.
 *
 * What the returned Observable emits decides the response:
 * `string` / `Uint8Array` values are body bytes in order; `head({...})` emitted first makes
 * it an HTTP response; any other value is a JSON result and must be the only emission.
 *
 * @example
 * ```ts
 * import { of } from 'rxjs';
 * import type { Handler } from 'rx-lambda';
 * export const handler: Handler<{ name: string }> = (event) => of({ hello: event.name });
 * ```
 */
export type Handler<E = unknown> = (event: E, context: InvocationContext) => ObservableInput<unknown>;
