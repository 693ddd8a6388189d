import type { IncomingMessage, ServerResponse } from 'node:http';
import { INVOKE_REQUEST_MAX_BYTES } from '../../limits.js';
import { functionUrlConsumer } from './functionUrlConsumer.js';
import { functionUrlEvent } from './functionUrlEvent.js';
import type { FunctionPool } from '../environments/FunctionPool.js';
import { readInvokePayload } from './readInvokePayload.js';
import { startInvocation } from './startInvocation.js';

/**
 * `ANY /lambda-url/{name}/{path...}`: the request becomes a payload 2.0 event, and the
 * function's answer is written back per its `invokeMode` (streamed for
 * `RESPONSE_STREAM`, whole for `BUFFERED`). A body over 6 MB is 413.
 *
 * @example
 * ```ts
 * await handleFunctionUrl(req, res, pool, '/items/1');
 * ```
 */
export async function handleFunctionUrl(
  req: IncomingMessage,
  res: ServerResponse,
  pool: FunctionPool,
  rawPath: string,
): Promise<void> {
  const body = await readInvokePayload(req, res, INVOKE_REQUEST_MAX_BYTES);
  if (body === undefined) return;
  const requestId = crypto.randomUUID();
  const event = functionUrlEvent({ req, functionName: pool.fn.name, rawPath, body, requestId });
  startInvocation(res, pool, {
    requestId,
    payload: Buffer.from(JSON.stringify(event)),
    consumer: functionUrlConsumer(res, pool.fn.invokeMode, requestId),
  });
}
