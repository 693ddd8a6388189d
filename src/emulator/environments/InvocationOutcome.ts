import { decodeLambdaErrorBody } from '../../wire/lambdaError.js';

/**
 * How an invocation ended: a response, or an error with Lambda's error type (`Runtime.*`,
 * `Sandbox.*`, `Function.*`, or the runtime's own type such as `Error`) and the error body
 * the caller receives.
 */
export type InvocationOutcome =
  | { readonly kind: 'success' }
  | {
      readonly kind: 'error';
      readonly errorType: string;
      readonly errorMessage: string;
      /** The error JSON, as a buffered caller receives it. */
      readonly body: Uint8Array;
    };

/**
 * An error outcome made by the emulator itself (timeouts, exits, size limits), shaped
 * like Lambda's: `{"errorType","errorMessage"}`.
 *
 * @example
 * ```ts
 * const outcome = errorOutcome('Sandbox.Timedout', 'Task timed out after 3.00 seconds');
 * ```
 */
export function errorOutcome(errorType: string, errorMessage: string): InvocationOutcome {
  return { kind: 'error', errorType, errorMessage, body: Buffer.from(JSON.stringify({ errorType, errorMessage })) };
}

/**
 * An error outcome from a runtime's error JSON (posted to `/error` or `/init/error`, or
 * decoded from the error trailer). The body is kept verbatim; the type is the
 * `Lambda-Runtime-Function-Error-Type` header when given, else the body's `errorType`.
 *
 * @example
 * ```ts
 * errorOutcomeFromBody(Buffer.from('{"errorType":"Error","errorMessage":"boom"}'), undefined);
 * ```
 */
export function errorOutcomeFromBody(body: Uint8Array, headerType: string | undefined): InvocationOutcome {
  const text = Buffer.from(body).toString('utf8');
  // Not JSON, or JSON of another shape: the body is still returned verbatim.
  const decoded = decodeLambdaErrorBody(text);
  const errorType = headerType || decoded?.errorType || 'Unhandled';
  const errorMessage = decoded?.errorMessage ?? text;
  return { kind: 'error', errorType, errorMessage, body };
}
