import type { IncomingMessage, ServerResponse } from 'node:http';
import { readRequestBody } from '../readRequestBody.js';
import { sendServiceError } from './sendServiceError.js';

/**
 * Reads the body of an Invoke or Function URL request under `limit`, answering a refusal
 * itself: a body over the limit is 413 `RequestTooLargeException` (and the connection
 * closes), an aborted request is dropped. Resolves `undefined` when it refused.
 *
 * @example
 * ```ts
 * const body = await readInvokePayload(req, res, INVOKE_REQUEST_MAX_BYTES);
 * if (body === undefined) return;
 * ```
 */
export async function readInvokePayload(
  req: IncomingMessage,
  res: ServerResponse,
  limit: number,
): Promise<Buffer | undefined> {
  const read = await readRequestBody(req, limit);
  if (read.kind === 'aborted') {
    res.destroy();
    return undefined;
  }
  if (read.kind === 'tooLarge') {
    res.setHeader('connection', 'close');
    sendServiceError(
      res,
      'RequestTooLargeException',
      `Request must be smaller than ${limit} bytes for the InvokeFunction operation`,
    );
    return undefined;
  }
  return read.body;
}
