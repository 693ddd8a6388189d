import type { ServerResponse } from 'node:http';
import { BUFFERED_RESPONSE_MAX_BYTES } from '../../limits.js';
import type { InvocationConsumer } from '../environments/Invocation.js';
import { errorOutcome } from '../environments/InvocationOutcome.js';

/**
 * The buffered `Invoke` answer: collects the runtime's response (streamed or not) up to
 * 6 MiB + 100 B, past which the caller gets `Function.ResponseSizeTooLarge`, and answers
 * once the invocation ends, with `X-Amz-Function-Error: Unhandled` on failure and
 * `X-Amz-Log-Result` when the log tail was asked for.
 *
 * @example
 * ```ts
 * const consumer = bufferedInvokeConsumer(res, true, requestId);
 * ```
 */
export function bufferedInvokeConsumer(res: ServerResponse, tail: boolean, requestId: string): InvocationConsumer {
  const chunks: Uint8Array[] = [];
  let size = 0;
  let contentType = 'application/json';
  return {
    wantsLogTail: tail,
    start(type) {
      contentType = type || contentType;
    },
    write(bytes) {
      size += bytes.byteLength;
      if (size <= BUFFERED_RESPONSE_MAX_BYTES) chunks.push(bytes);
      return undefined;
    },
    end(outcome, logTail) {
      if (res.destroyed || res.headersSent) return;
      const headers: Record<string, string> = {
        'x-amzn-requestid': requestId,
        'x-amz-executed-version': '$LATEST',
      };
      if (tail) headers['x-amz-log-result'] = logTail;
      const failure =
        outcome.kind === 'error'
          ? outcome
          : size > BUFFERED_RESPONSE_MAX_BYTES
            ? errorOutcome(
                'Function.ResponseSizeTooLarge',
                `Response payload size (${size} bytes) exceeded maximum allowed payload size (${BUFFERED_RESPONSE_MAX_BYTES} bytes).`,
              )
            : undefined;
      if (failure?.kind === 'error') {
        headers['x-amz-function-error'] = 'Unhandled';
        headers['content-type'] = 'application/json';
        res.writeHead(200, headers);
        res.end(failure.body);
        return;
      }
      headers['content-type'] = contentType;
      res.writeHead(200, headers);
      res.end(Buffer.concat(chunks));
    },
  };
}
