import type { ClientContext, CognitoIdentity } from 'aws-lambda';
import type { ObservableInput } from 'rxjs';

/**
 * The context of one invocation: Lambda's context fields plus an `AbortSignal`.
 *
 * `signal` aborts when the invocation is cancelled or is about to reach its deadline;
 * the runtime then unsubscribes from the handler's Observable, which is how work stops.
 *
 * It is assignable to `Context` from `@types/aws-lambda`, so tools that take a Lambda
 * context (Powertools' `logger.addContext(context)`, for one) accept it as it is. The
 * deprecated callbacks `done`, `fail` and `succeed` throw `ContextCallbackError`: an
 * Observable handler answers with what it emits.
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
  readonly clientContext: ClientContext | undefined;
  /** The Cognito identity of the caller, parsed. */
  readonly identity: CognitoIdentity | undefined;
  readonly tenantId: string | undefined;
  /** Aborted when the invocation is cancelled or about to time out. */
  readonly signal: AbortSignal;
  /** Always false: the invocation ends with the handler's Observable, not with an empty event loop. */
  readonly callbackWaitsForEmptyEventLoop: boolean;
  /** @deprecated Not supported; throws `ContextCallbackError`. Answer with the Observable. */
  done(error?: Error, result?: unknown): void;
  /** @deprecated Not supported; throws `ContextCallbackError`. Answer with the Observable. */
  fail(error: Error | string): void;
  /** @deprecated Not supported; throws `ContextCallbackError`. Answer with the Observable. */
  succeed(messageOrObject: unknown): void;
  /** @deprecated Not supported; throws `ContextCallbackError`. */
  succeed(message: string, object: unknown): void;
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
