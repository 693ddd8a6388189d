import { Observable, type OperatorFunction } from 'rxjs';
import type { IncomingHttpHeaders } from 'undici/types/header.js';
import { FunctionError, ResponseSizeTooLargeError, TransportError, TruncatedStreamError } from '../errors.js';
import { CLIENT_ERROR_BODY_MAX_BYTES, INVOKE_RESPONSE_MAX_BYTES } from '../limits.js';
import { decodeLambdaErrorBody } from '../wire/lambdaError.js';
import { BoundedBody } from './BoundedBody.js';
import type { InvokeOptions } from './ClientOptions.js';
import { INVOKE_PATH_PREFIX } from './clientDefaults.js';
import type { ResponsePart } from './dispatchRequest.js';
import { invokeCall } from './invokeRequest.js';
import { headerValue, serviceErrorFrom } from './serviceError.js';

/** The result of a buffered invoke. */
export interface InvokeResult {
  /** 200 (`RequestResponse`), 202 (`Event`) or 204 (`DryRun`). */
  readonly statusCode: number;
  /** The function's response bytes (JSON for most functions; empty for `Event`/`DryRun`). */
  readonly payload: Uint8Array;
  /** The version that ran (`X-Amz-Executed-Version`). */
  readonly executedVersion?: string;
  /** The last 4 KB of the function's log, decoded (with `logType: 'Tail'`). */
  readonly logResult?: string;
}

function decodeLog(headers: IncomingHttpHeaders): string | undefined {
  const log = headerValue(headers, 'x-amz-log-result');
  return log === undefined ? undefined : Buffer.from(log, 'base64').toString('utf8');
}

/** Collects a buffered `Invoke` exchange into an `InvokeResult`, or its typed error. */
export function collectInvoke(): OperatorFunction<ResponsePart, InvokeResult> {
  return (source) =>
    new Observable<InvokeResult>((subscriber) => {
      let head: { statusCode: number; headers: IncomingHttpHeaders } | undefined;
      let body: BoundedBody | undefined;
      const failed = (statusCode: number): boolean => statusCode < 200 || statusCode >= 300;
      return source.subscribe({
        next(part) {
          if (part.kind === 'head') {
            head = part;
            body = new BoundedBody(failed(part.statusCode) ? CLIENT_ERROR_BODY_MAX_BYTES : INVOKE_RESPONSE_MAX_BYTES);
          } else if (part.kind === 'data') {
            if (body!.push(part.chunk)) return;
            // Past the bound nothing more is read: the request is aborted with a typed error.
            const { statusCode, headers } = head!;
            subscriber.error(
              failed(statusCode)
                ? serviceErrorFrom(statusCode, headers, body!.bytes())
                : new ResponseSizeTooLargeError(body!.size, INVOKE_RESPONSE_MAX_BYTES),
            );
          } else {
            const { statusCode, headers } = head!;
            const bytes = body!.bytes();
            if (failed(statusCode)) {
              subscriber.error(serviceErrorFrom(statusCode, headers, bytes));
              return;
            }
            const functionError = headerValue(headers, 'x-amz-function-error');
            const logResult = decodeLog(headers);
            if (functionError !== undefined) {
              subscriber.error(functionErrorFrom(functionError, bytes, logResult));
              return;
            }
            const executedVersion = headerValue(headers, 'x-amz-executed-version');
            subscriber.next({
              statusCode,
              payload: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
              ...(executedVersion !== undefined ? { executedVersion } : {}),
              ...(logResult !== undefined ? { logResult } : {}),
            });
            subscriber.complete();
          }
        },
        error(error: unknown) {
          // After the head the function has already run: a broken body is not retried.
          subscriber.error(
            head && error instanceof TransportError
              ? new TruncatedStreamError(`Invoke response broke off: ${error.message}`, { cause: error })
              : error,
          );
        },
      });
    });
}

/** A `FunctionError` from `X-Amz-Function-Error` and the error payload (`{errorType, errorMessage, ...}`). */
function functionErrorFrom(errorCode: string, body: Buffer, logResult: string | undefined): FunctionError {
  const text = body.toString('utf8');
  // Not JSON: the text is the details and the payload.
  const decoded = decodeLambdaErrorBody(text);
  const message = decoded?.errorMessage;
  const details = message === undefined ? text : decoded?.errorType === undefined ? message : `${decoded.errorType}: ${message}`;
  return new FunctionError(errorCode, details || undefined, logResult, decoded === undefined ? text : decoded.json);
}

/**
 * Calls Lambda's buffered `Invoke` API and emits one `InvokeResult`. A payload over
 * `INVOKE_RESPONSE_MAX_BYTES` (7 MiB) aborts the request with `ResponseSizeTooLargeError`,
 * and error bodies are read up to 1 MiB. A function error
 * (`X-Amz-Function-Error`) errors with `FunctionError` (`errorCode` = the header,
 * `errorDetails` = `errorType: errorMessage`, `payload` = the parsed error payload,
 * `logResult` decoded); refusals by the service error with `LambdaServiceError`. Retries,
 * timeouts, `signal` and unsubscription behave as for `invokeStream`.
 *
 * @example
 * ```ts
 * import { invoke } from 'rx-lambda/client';
 * invoke({ functionName: 'add', payload: { a: 1, b: 2 } }).subscribe(({ payload }) =>
 *   console.log(JSON.parse(new TextDecoder().decode(payload))));
 * ```
 */
export function invoke(options: InvokeOptions): Observable<InvokeResult> {
  return invokeCall(options, { prefix: INVOKE_PATH_PREFIX, suffix: '/invocations' }, collectInvoke());
}
