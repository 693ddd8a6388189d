import type { MessageHeaders } from '@smithy/eventstream-codec';
import { encodeEventStreamMessage } from './encodeEventStreamMessage.js';

/** The fields of Lambda's `InvokeComplete` event. */
export interface InvokeCompleteFields {
  readonly errorCode?: string;
  readonly errorDetails?: string;
  /** Base64 of the last 4 KB of the function's log, with `LogType: Tail`. */
  readonly logResult?: string;
}

const text = new TextEncoder();

function eventHeaders(eventType: string, contentType: string): MessageHeaders {
  return {
    ':event-type': { type: 'string', value: eventType },
    ':content-type': { type: 'string', value: contentType },
    ':message-type': { type: 'string', value: 'event' },
  };
}

/** Encodes a Lambda `PayloadChunk` event frame carrying `payload` as raw bytes. */
export function encodePayloadChunk(payload: Uint8Array): Uint8Array {
  return encodeEventStreamMessage({ headers: eventHeaders('PayloadChunk', 'application/octet-stream'), body: payload });
}

/** Encodes a Lambda `InvokeComplete` event frame (JSON `{ErrorCode?, ErrorDetails?, LogResult?}`). */
export function encodeInvokeComplete(fields: InvokeCompleteFields = {}): Uint8Array {
  const body: Record<string, string> = {};
  if (fields.errorCode !== undefined) body.ErrorCode = fields.errorCode;
  if (fields.errorDetails !== undefined) body.ErrorDetails = fields.errorDetails;
  if (fields.logResult !== undefined) body.LogResult = fields.logResult;
  return encodeEventStreamMessage({
    headers: eventHeaders('InvokeComplete', 'application/json'),
    body: text.encode(JSON.stringify(body)),
  });
}

/** Encodes an event-stream `exception` frame with a JSON `{message}` body. */
export function encodeExceptionFrame(exceptionType: string, message: string): Uint8Array {
  return encodeEventStreamMessage({
    headers: {
      ':exception-type': { type: 'string', value: exceptionType },
      ':content-type': { type: 'string', value: 'application/json' },
      ':message-type': { type: 'string', value: 'exception' },
    },
    body: text.encode(JSON.stringify({ message })),
  });
}
