import { Observable, type OperatorFunction } from 'rxjs';
import type { IncomingHttpHeaders } from 'undici/types/header.js';
import { FunctionError, TransportError, TruncatedStreamError } from '../errors.js';
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
      const chunks: Uint8Array[] = [];
      return source.subscribe({
        next(part) {
          if (part.kind === 'head') head = part;
          else if (part.kind === 'data') chunks.push(part.chunk);
          else {
            const { statusCode, headers } = head!;
            const body = Buffer.concat(chunks);
            if (statusCode < 200 || statusCode >= 300) {
              subscriber.error(serviceErrorFrom(statusCode, headers, body));
              return;
            }
            const functionError = headerValue(headers, 'x-amz-function-error');
            const logResult = decodeLog(headers);
            if (functionError !== undefined) {
              subscriber.error(functionErrorFrom(functionError, body, logResult));
              return;
            }
            const executedVersion = headerValue(headers, 'x-amz-executed-version');
            subscriber.next({
              statusCode,
              payload: new Uint8Array(body.buffer, body.byteOffset, body.byteLength),
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
  let parsed: unknown = text;
  let details = text;
  try {
    parsed = JSON.parse(text);
    const record = parsed as { errorType?: unknown; errorMessage?: unknown } | null;
    if (record && typeof record.errorMessage === 'string') {
      details = typeof record.errorType === 'string' ? `${record.errorType}: ${record.errorMessage}` : record.errorMessage;
    }
  } catch {
    // not JSON: keep the text
  }
  return new FunctionError(errorCode, details || undefined, logResult, parsed);
}

/**
 * Calls Lambda's buffered `Invoke` API and emits one `InvokeResult`. A function error
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
