import type { IncomingMessage, ServerResponse } from 'node:http';
import { eventStreamConsumer } from './eventStreamConsumer.js';
import type { FunctionPool } from '../environments/FunctionPool.js';
import { parseInvokeRequest } from './parseInvokeRequest.js';
import { startInvocation } from './startInvocation.js';

/**
 * `POST /2021-11-15/functions/{name}/response-streaming-invocations`: an event stream of
 * `PayloadChunk` frames, each sent as soon as the runtime's bytes arrive, then
 * `InvokeComplete`. `DryRun` answers 204.
 *
 * @example
 * ```ts
 * await handleStreamingInvoke(req, res, pool);
 * ```
 */
export async function handleStreamingInvoke(req: IncomingMessage, res: ServerResponse, pool: FunctionPool): Promise<void> {
  const request = await parseInvokeRequest(req, res, ['RequestResponse', 'DryRun']);
  if (!request) return;
  const requestId = crypto.randomUUID();
  if (request.invocationType === 'DryRun') {
    res.writeHead(204, { 'x-amzn-requestid': requestId });
    res.end();
    return;
  }
  startInvocation(res, pool, {
    requestId,
    payload: request.payload,
    clientContext: request.clientContext,
    consumer: eventStreamConsumer(res, request.tail, requestId),
  });
}
