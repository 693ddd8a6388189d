import { isUtf8 } from 'node:buffer';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ASYNC_INVOKE_REQUEST_MAX_BYTES, CLIENT_CONTEXT_MAX_BYTES, INVOKE_REQUEST_MAX_BYTES } from '../../limits.js';
import { headerSafeJson } from './headerSafeJson.js';
import { readInvokePayload } from './readInvokePayload.js';
import { sendServiceError } from './sendServiceError.js';

/** `X-Amz-Invocation-Type`. */
export type InvocationType = 'RequestResponse' | 'Event' | 'DryRun';

/** An Invoke or InvokeWithResponseStream request, checked. */
export interface InvokeRequest {
  readonly invocationType: InvocationType;
  /** `X-Amz-Log-Type: Tail`. */
  readonly tail: boolean;
  /** The decoded `X-Amz-Client-Context` JSON object, re-serialized header-safe (ASCII, no line breaks). */
  readonly clientContext: string | undefined;
  /** The event JSON (`{}` for an empty body). */
  readonly payload: Buffer;
}

const EMPTY_EVENT = Buffer.from('{}');

/**
 * Reads and checks an invoke request the way Lambda does, answering the AWS-shaped
 * rejection itself and resolving `undefined` when it refused: a payload over 6 MB (1 MB
 * for `Event`) is 413 `RequestTooLargeException`, a payload that is not UTF-8 JSON or a
 * client context that is not base64 of a UTF-8 JSON object (of at most 3,583 base64
 * bytes) is 400 `InvalidRequestContentException`, an unknown invocation or log type is
 * 400 `InvalidParameterValueException`. The client context is re-serialized header-safe,
 * since it is copied into the runtime's `Lambda-Runtime-Client-Context` header.
 *
 * @example
 * ```ts
 * const request = await parseInvokeRequest(req, res, ['RequestResponse', 'DryRun']);
 * if (!request) return;
 * ```
 */
export async function parseInvokeRequest(
  req: IncomingMessage,
  res: ServerResponse,
  allowed: readonly InvocationType[],
): Promise<InvokeRequest | undefined> {
  const invocationType = (header(req, 'x-amz-invocation-type') ?? 'RequestResponse') as InvocationType;
  if (!allowed.includes(invocationType)) {
    sendServiceError(
      res,
      'InvalidParameterValueException',
      `1 validation error detected: Value '${invocationType}' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(', ')}]`,
    );
    return undefined;
  }
  const logType = header(req, 'x-amz-log-type') ?? 'None';
  if (logType !== 'None' && logType !== 'Tail') {
    sendServiceError(res, 'InvalidParameterValueException', `Value '${logType}' at 'logType' failed to satisfy constraint: Member must satisfy enum value set: [Tail, None]`);
    return undefined;
  }
  let clientContext: string | undefined;
  const encodedContext = header(req, 'x-amz-client-context');
  if (encodedContext !== undefined && encodedContext.length > CLIENT_CONTEXT_MAX_BYTES) {
    sendServiceError(
      res,
      'InvalidRequestContentException',
      `Client context must be at most ${CLIENT_CONTEXT_MAX_BYTES} bytes of base64-encoded data, got ${encodedContext.length}.`,
    );
    return undefined;
  }
  if (encodedContext !== undefined && encodedContext !== '') {
    clientContext = decodeClientContext(encodedContext);
    if (clientContext === undefined) {
      sendServiceError(res, 'InvalidRequestContentException', 'Client context must be a valid Base64-encoded JSON object.');
      return undefined;
    }
  }
  const limit = invocationType === 'Event' ? ASYNC_INVOKE_REQUEST_MAX_BYTES : INVOKE_REQUEST_MAX_BYTES;
  const body = await readInvokePayload(req, res, limit);
  if (body === undefined) return undefined;
  const payload = body.byteLength === 0 ? EMPTY_EVENT : body;
  if (!isUtf8(payload)) {
    sendServiceError(res, 'InvalidRequestContentException', 'Could not parse request body into json: the payload is not valid UTF-8');
    return undefined;
  }
  try {
    JSON.parse(payload.toString('utf8'));
  } catch (error) {
    sendServiceError(
      res,
      'InvalidRequestContentException',
      `Could not parse request body into json: ${(error as Error).message}`,
    );
    return undefined;
  }
  return { invocationType, tail: logType === 'Tail', clientContext, payload };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The client context's JSON object, header-safe; `undefined` when it is not base64 of a UTF-8 JSON object within the limit. */
function decodeClientContext(encoded: string): string | undefined {
  if (encoded.length > CLIENT_CONTEXT_MAX_BYTES || !/^[A-Za-z0-9+/]*={0,2}$/.test(encoded)) return undefined;
  const bytes = Buffer.from(encoded, 'base64');
  if (!isUtf8(bytes)) return undefined;
  try {
    const value: unknown = JSON.parse(bytes.toString('utf8'));
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    return headerSafeJson(value);
  } catch {
    return undefined;
  }
}
