import type { ServerResponse } from 'node:http';
import { encodeInvokeComplete, payloadChunkFrameParts, type InvokeCompleteFields } from '../../wire/index.js';
import type { InvocationConsumer } from '../environments/Invocation.js';
import { uncorkAll } from './uncorkAll.js';
import { writeWithBackpressure } from './writeWithBackpressure.js';

/**
 * The `InvokeWithResponseStream` answer: status 200 as soon as the runtime starts its
 * response (`Content-Type` is the function's response content type, which the SDK
 * reports as `ResponseStreamContentType`), one `PayloadChunk` frame per runtime chunk as
 * it arrives (written as its head, the runtime's bytes themselves and its CRC: no copy), then `InvokeComplete` with `ErrorCode`/`ErrorDetails` on failure and
 * `LogResult` when the log tail was asked for.
 *
 * @example
 * ```ts
 * const consumer = eventStreamConsumer(res, false, requestId);
 * ```
 */
export function eventStreamConsumer(res: ServerResponse, tail: boolean, requestId: string): InvocationConsumer {
  const head = (contentType: string): void => {
    if (res.headersSent) return;
    res.writeHead(200, {
      'content-type': contentType,
      'x-amzn-requestid': requestId,
      'x-amz-executed-version': '$LATEST',
    });
    res.flushHeaders();
  };
  return {
    wantsLogTail: tail,
    start(contentType) {
      head(contentType);
    },
    write(bytes) {
      return writeWithBackpressure(res, payloadChunkFrameParts(bytes));
    },
    end(outcome, logTail) {
      if (res.destroyed || res.writableEnded) return;
      head('application/octet-stream');
      const fields: { -readonly [K in keyof InvokeCompleteFields]: InvokeCompleteFields[K] } = {};
      if (outcome.kind === 'error') {
        fields.errorCode = outcome.errorType;
        fields.errorDetails = outcome.errorMessage;
      }
      if (tail) fields.logResult = logTail;
      uncorkAll(res);
      res.end(encodeInvokeComplete(fields));
    },
  };
}
