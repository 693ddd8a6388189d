import { Observable, type OperatorFunction } from 'rxjs';
import type { IncomingHttpHeaders } from 'undici/types/header.js';
import { TransportError, TruncatedFrameError, TruncatedStreamError } from '../errors.js';
import { EventStreamDecoder, type EventStreamMessageParts } from '../wire/EventStreamDecoder.js';
import type { InvokeStreamOptions } from './ClientOptions.js';
import { EVENT_STREAM_CONTENT_TYPE, INVOKE_STREAM_PATH_PREFIX } from './clientDefaults.js';
import type { ResponsePart } from './dispatchRequest.js';
import { invokeCall } from './invokeRequest.js';
import { CLIENT_ERROR_BODY_MAX_BYTES } from '../limits.js';
import { BoundedBody } from './BoundedBody.js';
import { serviceErrorFrom } from './serviceError.js';
import type { StreamEvent } from './StreamEvent.js';
import { toStreamEvent } from './toStreamEvent.js';

/** The body pieces of a `PayloadChunk` frame that arrived in several chunks; `undefined` for any other frame. */
function splitPayloadChunk(message: EventStreamMessageParts): readonly Uint8Array[] | undefined {
  if (message.bodyParts.length < 2) return undefined;
  const { headers } = message;
  const isPayloadChunk = headers[':message-type']?.value === 'event' && headers[':event-type']?.value === 'PayloadChunk';
  return isPayloadChunk ? message.bodyParts : undefined;
}

/**
 * Decodes an `InvokeWithResponseStream` HTTP exchange into `StreamEvent`s as bytes arrive.
 * A non-2xx head becomes a `LambdaServiceError` (read from its body); an end without
 * `InvokeComplete`, a cut frame or a broken connection after the head is a `TruncatedStreamError`.
 * A `PayloadChunk` frame that arrived in several HTTP chunks is emitted, once its CRC has been
 * checked, as one `PayloadChunk` per piece (views of the chunks, never joined by a copy) with
 * `payloadChunks: 'pieces'`, or joined into one with `'frames'`.
 */
function decodeInvokeStream(payloadChunks: 'pieces' | 'frames'): OperatorFunction<ResponsePart, StreamEvent> {
  return (source) =>
    new Observable<StreamEvent>((subscriber) => {
      let decoder: EventStreamDecoder | undefined;
      let errorHead: { statusCode: number; headers: IncomingHttpHeaders } | undefined;
      const errorBody = new BoundedBody(CLIENT_ERROR_BODY_MAX_BYTES);
      let complete = false;
      return source.subscribe({
        next(part) {
          try {
            if (part.kind === 'head') {
              if (part.statusCode >= 200 && part.statusCode < 300) decoder = new EventStreamDecoder();
              else errorHead = part;
            } else if (part.kind === 'data') {
              if (errorHead) {
                // An error body past the bound is not read further: its start makes the error.
                if (!errorBody.push(part.chunk)) throw serviceErrorFrom(errorHead.statusCode, errorHead.headers, errorBody.bytes());
                return;
              }
              for (const message of decoder!.pushParts(part.chunk)) {
                if (complete) continue;
                const pieces = payloadChunks === 'pieces' ? splitPayloadChunk(message) : undefined;
                if (pieces) {
                  for (const payload of pieces) {
                    subscriber.next({ type: 'PayloadChunk', payload });
                    if (subscriber.closed) return;
                  }
                  continue;
                }
                const { headers, bodyParts } = message;
                const event = toStreamEvent({ headers, body: bodyParts.length === 1 ? bodyParts[0]! : Buffer.concat(bodyParts) });
                if (!event) continue;
                if (event.type === 'InvokeComplete') complete = true;
                subscriber.next(event);
                if (subscriber.closed) return;
              }
            } else {
              if (errorHead) throw serviceErrorFrom(errorHead.statusCode, errorHead.headers, errorBody.bytes());
              decoder!.end();
              if (!complete) throw new TruncatedStreamError('response stream ended before InvokeComplete');
              subscriber.complete();
            }
          } catch (error) {
            subscriber.error(
              error instanceof TruncatedFrameError
                ? new TruncatedStreamError(`response stream ended inside a frame: ${error.message}`, { cause: error })
                : error,
            );
          }
        },
        error(error: unknown) {
          subscriber.error(
            decoder && error instanceof TransportError
              ? new TruncatedStreamError(`response stream broke before InvokeComplete: ${error.message}`, { cause: error })
              : error,
          );
        },
      });
    });
}

/**
 * Calls Lambda's `InvokeWithResponseStream` and emits one `StreamEvent` per frame as the bytes
 * arrive (a frame split across HTTP chunks gives one `PayloadChunk` per piece unless
 * `payloadChunks: 'frames'`). Nothing is sent until subscription; each subscription is one invoke.
 *
 * Errors: the service's refusals before the stream (`LambdaServiceError` named after
 * `X-Amzn-ErrorType`, e.g. `ResourceNotFoundException`, `TooManyRequestsException` with
 * `retryAfterSeconds`), exception frames (`LambdaServiceError`), a stream cut short
 * (`TruncatedStreamError`), corrupt frames (`FrameChecksumError`, `FrameLengthError`),
 * connection failures (`TransportError`). 429, 5xx and connection failures before the
 * response are retried with jittered backoff (see `RetryOptions`); nothing is retried once
 * the response has started. A function error after the stream started is not an error here:
 * it is `InvokeComplete.errorCode` (the `payload()` operator turns it into `FunctionError`).
 *
 * Unsubscribing (or aborting `signal`) aborts the request and frees its socket.
 *
 * @example
 * ```ts
 * import { invokeStream, text } from 'rx-lambda/client';
 * invokeStream({ functionName: 'chat', payload: { prompt: 'hi' }, region: 'eu-west-1' })
 *   .pipe(text())
 *   .subscribe((piece) => process.stdout.write(piece));
 * ```
 */
export function invokeStream(options: InvokeStreamOptions): Observable<StreamEvent> {
  return invokeCall(
    options,
    {
      prefix: INVOKE_STREAM_PATH_PREFIX,
      suffix: '/response-streaming-invocations',
      headers: { accept: EVENT_STREAM_CONTENT_TYPE },
    },
    decodeInvokeStream(options.payloadChunks ?? 'pieces'),
  );
}
