import type { EventStreamMessage } from '../wire/EventStreamDecoder.js';
import { FrameDecodeError, LambdaServiceError } from '../errors.js';
import type { StreamEvent } from './StreamEvent.js';

function headerString(message: EventStreamMessage, name: string): string | undefined {
  const header = message.headers[name];
  return header && header.type === 'string' ? header.value : undefined;
}

function bodyText(body: Uint8Array): string {
  return Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
}

function bodyJson(body: Uint8Array, what: string): Record<string, unknown> {
  if (body.byteLength === 0) return {};
  let value: unknown;
  try {
    value = JSON.parse(bodyText(body));
  } catch (cause) {
    throw new FrameDecodeError(`${what} body is not valid JSON`, { cause });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new FrameDecodeError(`${what} body is not a JSON object`);
  }
  return value as Record<string, unknown>;
}

const optionalString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * Maps one decoded Lambda event-stream message to a `StreamEvent`. Exception and error
 * messages throw `LambdaServiceError` (named after the exception type); events of other
 * types give `undefined` (newer service versions may add some).
 *
 * @example
 * ```ts
 * for (const message of decoder.push(chunk)) { const event = toStreamEvent(message); if (event) emit(event); }
 * ```
 */
export function toStreamEvent(message: EventStreamMessage): StreamEvent | undefined {
  const messageType = headerString(message, ':message-type');
  if (messageType === 'event') {
    const eventType = headerString(message, ':event-type');
    if (eventType === 'PayloadChunk') return { type: 'PayloadChunk', payload: message.body };
    if (eventType === 'InvokeComplete') {
      const json = bodyJson(message.body, 'InvokeComplete');
      const errorCode = optionalString(json.ErrorCode);
      const errorDetails = optionalString(json.ErrorDetails);
      const logResult = optionalString(json.LogResult);
      return {
        type: 'InvokeComplete',
        ...(errorCode !== undefined ? { errorCode } : {}),
        ...(errorDetails !== undefined ? { errorDetails } : {}),
        ...(logResult !== undefined ? { logResult: Buffer.from(logResult, 'base64').toString('utf8') } : {}),
      };
    }
    return undefined;
  }
  if (messageType === 'exception') {
    const type = headerString(message, ':exception-type') ?? 'UnknownException';
    let text = bodyText(message.body);
    try {
      const json = JSON.parse(text) as Record<string, unknown>;
      text = optionalString(json.message) ?? optionalString(json.Message) ?? text;
    } catch {
      // not JSON: the text is the message
    }
    throw new LambdaServiceError(type, text || type, undefined);
  }
  if (messageType === 'error') {
    const code = headerString(message, ':error-code') ?? 'UnknownError';
    throw new LambdaServiceError(code, headerString(message, ':error-message') ?? code, undefined);
  }
  throw new FrameDecodeError(`event-stream message without a known :message-type (${String(messageType)})`);
}
