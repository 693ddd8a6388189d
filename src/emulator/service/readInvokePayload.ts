import type { IncomingMessage, ServerResponse } from 'node:http';
import { OVERSIZE_BODY_DRAIN_MAX_BYTES } from '../emulatorLimits.js';
import { readRequestBody } from '../readRequestBody.js';
import { sendServiceError } from './sendServiceError.js';

/**
 * Reads the body of an Invoke or Function URL request under `limit`, answering a refusal
 * itself: a body over the limit is 413 `RequestTooLargeException`, and the rest of the
 * body is read and discarded (up to `OVERSIZE_BODY_DRAIN_MAX_BYTES`, then the connection
 * is cut) so the client, still writing, receives the answer rather than a reset. An
 * aborted request is dropped. Resolves `undefined` when it refused.
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
    drainRequest(req, read.size);
    sendServiceError(
      res,
      'RequestTooLargeException',
      `Request must be smaller than ${limit} bytes for the InvokeFunction operation`,
    );
    return undefined;
  }
  return read.body;
}

/** Reads and discards the rest of a refused body (`alreadyRead` bytes of it were read); past the drain bound the connection is cut. */
function drainRequest(req: IncomingMessage, alreadyRead: number): void {
  let drained = alreadyRead;
  req.on('data', (chunk: Buffer) => {
    drained += chunk.byteLength;
    // The answer went out long before this many bytes arrived.
    if (drained > OVERSIZE_BODY_DRAIN_MAX_BYTES) req.socket.destroy();
  });
  req.resume();
}
