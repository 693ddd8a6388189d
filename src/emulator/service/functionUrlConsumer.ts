import type { ServerResponse } from 'node:http';
import { BUFFERED_RESPONSE_MAX_BYTES } from '../../limits.js';
import { HTTP_INTEGRATION_CONTENT_TYPE, HttpPreludeSplitter } from '../../wire/index.js';
import { sendBadGateway, writeHttpResponseHead } from './writeHttpResponseHead.js';
import type { InvocationConsumer } from '../environments/Invocation.js';
import { proxyResult } from './proxyResult.js';
import { writeWithBackpressure } from './writeWithBackpressure.js';

/** A Function URL's invoke mode. */
export type FunctionUrlMode = 'BUFFERED' | 'RESPONSE_STREAM';

/**
 * The answer to a Function URL call. `RESPONSE_STREAM`: status, headers and cookies from
 * the HTTP-integration prelude (or 200 with the runtime's content type when there is
 * none), then the body streamed as it arrives; a failure after the head cuts the
 * response. `BUFFERED`: the whole result read as a payload 2.0 proxy result. A function
 * error before any response is a 502.
 *
 * @example
 * ```ts
 * const consumer = functionUrlConsumer(res, 'RESPONSE_STREAM', requestId);
 * ```
 */
export function functionUrlConsumer(res: ServerResponse, mode: FunctionUrlMode, requestId: string): InvocationConsumer {
  return mode === 'BUFFERED' ? bufferedConsumer(res, requestId) : streamConsumer(res, requestId);
}

function bufferedConsumer(res: ServerResponse, requestId: string): InvocationConsumer {
  const chunks: Uint8Array[] = [];
  let size = 0;
  let contentType = 'application/json';
  return {
    start(type) {
      contentType = type;
    },
    write(bytes) {
      size += bytes.byteLength;
      if (size <= BUFFERED_RESPONSE_MAX_BYTES) chunks.push(bytes);
      return undefined;
    },
    end(outcome) {
      if (res.destroyed || res.headersSent) return;
      if (outcome.kind === 'error') {
        sendBadGateway(res, requestId, outcome.errorType);
        return;
      }
      if (size > BUFFERED_RESPONSE_MAX_BYTES) {
        sendBadGateway(res, requestId, 'Function.ResponseSizeTooLarge');
        return;
      }
      let response;
      try {
        response = proxyResult(Buffer.concat(chunks), contentType);
        writeHttpResponseHead(res, response.head, requestId);
      } catch {
        {
        sendBadGateway(res, requestId, 'Runtime.InvalidResponse');
        return;
      }
      }
      res.end(response.body);
    },
  };
}

function streamConsumer(res: ServerResponse, requestId: string): InvocationConsumer {
  let splitter: HttpPreludeSplitter | undefined;
  let contentType = 'application/octet-stream';
  let failed = false;
  // Without a prelude the head waits for the first byte, so a failure before it is still a 502.
  const plainHead = (): void => {
    if (res.headersSent) return;
    writeHttpResponseHead(res, { statusCode: 200, headers: { 'content-type': contentType } }, requestId);
    res.flushHeaders();
  };
  return {
    start(type) {
      contentType = type;
      if (type === HTTP_INTEGRATION_CONTENT_TYPE) splitter = new HttpPreludeSplitter();
    },
    write(bytes) {
      if (failed) return undefined;
      let body: Uint8Array | undefined = bytes;
      if (!splitter) plainHead();
      else if (!res.headersSent) {
        try {
          const split = splitter.push(bytes);
          if (split.prelude) {
            writeHttpResponseHead(res, split.prelude, requestId);
            res.flushHeaders();
          }
          body = split.body;
        } catch {
          failed = true;
          sendBadGateway(res, requestId, 'Runtime.InvalidResponse');
          return undefined;
        }
      }
      return body && res.headersSent ? writeWithBackpressure(res, body) : undefined;
    },
    end(outcome) {
      if (failed || res.destroyed || res.writableEnded) return;
      if (outcome.kind === 'error') {
        sendBadGateway(res, requestId, outcome.errorType);
        return;
      }
      if (!splitter) plainHead();
      // A runtime that began an HTTP-integration response but never finished its prelude.
      if (!res.headersSent) {
        sendBadGateway(res, requestId, 'Runtime.InvalidResponse');
        return;
      }
      res.end();
    },
  };
}
