import type { IncomingMessage, ServerResponse } from 'node:http';
import { INVOKE_REQUEST_MAX_BYTES } from '../../limits.js';
import { HTTP_INTEGRATION_CONTENT_TYPE, HttpPreludeSplitter } from '../../wire/index.js';
import type { FunctionPool } from '../environments/FunctionPool.js';
import type { InvocationConsumer } from '../environments/Invocation.js';
import { readInvokePayload } from '../service/readInvokePayload.js';
import { writeHttpResponseHead } from '../service/writeHttpResponseHead.js';
import { writeWithBackpressure } from '../service/writeWithBackpressure.js';
import { apiEvent } from './apiEvent.js';
import { apiResponse } from './apiResponse.js';
import { matchRoute, type FunctionRoute } from './matchRoute.js';

/** The services' answers when no route matches or the function is throttled. Source: API Gateway (`{"message":"Not Found"}`, 429 `{"message":"Too Many Requests"}`). */
const NOT_FOUND = '{"message":"Not Found"}';
const THROTTLED = '{"message":"Too Many Requests"}';

/**
 * One request to the API front end: finds its route, turns it into that service's event,
 * invokes the function like the service does (`Invoke`, buffered; a REST route with
 * `responseTransferMode: 'STREAM'` reads the HTTP-integration prelude and streams the
 * body), and answers as the service would.
 *
 * @example
 * ```ts
 * await handleApiRequest(req, res, routes, pools);
 * ```
 */
export async function handleApiRequest(
  req: IncomingMessage,
  res: ServerResponse,
  routes: readonly FunctionRoute[],
  pools: ReadonlyMap<string, FunctionPool>,
): Promise<void> {
  const path = (req.url ?? '/').split('?')[0]!;
  const match = matchRoute(routes, req.method ?? 'GET', path);
  const pool = match && pools.get(match.functionName);
  if (!match || !pool) {
    sendJson(res, 404, NOT_FOUND);
    return;
  }
  const body = await readInvokePayload(req, res, INVOKE_REQUEST_MAX_BYTES);
  if (body === undefined) return;
  const requestId = crypto.randomUUID();
  const event = apiEvent({ req, match, path, body, requestId });
  const api = match.route.api;
  const streaming = api === 'rest' && match.route.responseTransferMode === 'STREAM';
  const consumer = streaming ? streamingConsumer(res, requestId) : bufferedConsumer(res, api, requestId);
  const invocation = pool.invocation({ requestId, payload: Buffer.from(JSON.stringify(event)), consumer });
  if (!pool.tryInvoke(invocation)) sendJson(res, 429, THROTTLED);
}

function bufferedConsumer(res: ServerResponse, api: 'http' | 'rest' | 'alb', requestId: string): InvocationConsumer {
  const chunks: Uint8Array[] = [];
  return {
    start: () => undefined,
    write(bytes) {
      chunks.push(bytes);
      return undefined;
    },
    end(outcome) {
      if (res.destroyed || res.headersSent) return;
      const { head, body } = apiResponse(api, outcome, Buffer.concat(chunks));
      writeHttpResponseHead(res, head, requestId);
      res.end(body);
    },
  };
}

/** A streaming REST integration: the prelude becomes the head, the rest streams as it comes. */
function streamingConsumer(res: ServerResponse, requestId: string): InvocationConsumer {
  let contentType = '';
  const splitter = new HttpPreludeSplitter();
  const collected: Uint8Array[] = [];
  return {
    start(type) {
      contentType = type;
    },
    write(bytes) {
      if (contentType !== HTTP_INTEGRATION_CONTENT_TYPE) {
        collected.push(bytes);
        return undefined;
      }
      let split;
      try {
        split = splitter.push(bytes);
      } catch {
        // A prelude API Gateway cannot read: its error answer, and the rest is dropped.
        contentType = 'invalid';
        collected.length = 0;
        return undefined;
      }
      if (split.prelude && !res.headersSent) writeHttpResponseHead(res, split.prelude, requestId);
      return split.body ? writeWithBackpressure(res, split.body) : undefined;
    },
    end(outcome) {
      if (res.destroyed) return;
      if (res.headersSent) {
        // A failure after the head can only cut the response short, as API Gateway does.
        if (outcome.kind === 'error') res.destroy();
        else res.end();
        return;
      }
      const { head, body } = apiResponse('rest', outcome, Buffer.concat(collected));
      writeHttpResponseHead(res, head, requestId);
      res.end(body);
    },
  };
}

function sendJson(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(body);
}
