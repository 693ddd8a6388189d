import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FunctionPool } from '../environments/FunctionPool.js';
import { bufferedInvokeConsumer } from './bufferedInvokeConsumer.js';
import { parseInvokeRequest } from './parseInvokeRequest.js';
import { invokeAsync } from './invokeAsync.js';
import { sendServiceError } from './sendServiceError.js';
import { startInvocation } from './startInvocation.js';

/**
 * `POST /2015-03-31/functions/{name}/invocations`: `RequestResponse` answers with the
 * whole response (a streamed one is collected, up to 6 MiB), `Event` answers 202 and runs
 * in the background (retried twice on failure, `invokeAsync`; 429 `TooManyRequestsException` when the function's queue is full), `DryRun` answers 204. A function error is `X-Amz-Function-Error:
 * Unhandled` with the error JSON as the payload.
 *
 * @example
 * ```ts
 * await handleInvoke(req, res, pool);
 * ```
 */
export async function handleInvoke(req: IncomingMessage, res: ServerResponse, pool: FunctionPool): Promise<void> {
  const request = await parseInvokeRequest(req, res, ['RequestResponse', 'Event', 'DryRun']);
  if (!request) return;
  if (request.invocationType === 'DryRun') {
    res.writeHead(204, { 'x-amzn-requestid': crypto.randomUUID() });
    res.end();
    return;
  }
  if (request.invocationType === 'Event') {
    const requestId = invokeAsync(pool, request.payload);
    if (requestId === undefined) {
      sendServiceError(res, 'TooManyRequestsException', `Rate Exceeded: the queue of asynchronous invocations of ${pool.fn.name} is full`);
      return;
    }
    res.writeHead(202, { 'x-amzn-requestid': requestId, 'content-length': '0' });
    res.end();
    return;
  }
  const requestId = crypto.randomUUID();
  startInvocation(res, pool, {
    requestId,
    payload: request.payload,
    clientContext: request.clientContext,
    consumer: bufferedInvokeConsumer(res, request.tail, requestId),
  });
}
