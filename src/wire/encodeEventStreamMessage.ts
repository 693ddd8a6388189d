import { crc32 } from 'node:zlib';
import { HeaderMarshaller, type Message } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import { FrameLengthError } from '../errors.js';
import {
  EVENT_STREAM_FRAMING_BYTES,
  EVENT_STREAM_MAX_HEADERS_BYTES,
  EVENT_STREAM_MAX_MESSAGE_BYTES,
  EVENT_STREAM_PRELUDE_BYTES,
} from '../limits.js';

const marshaller = new HeaderMarshaller(toUtf8, fromUtf8);

/**
 * Encodes one event-stream message (headers with smithy's `HeaderMarshaller`, CRCs with
 * zlib's native CRC32). Throws `FrameLengthError` past the protocol's limits.
 *
 * @example
 * ```ts
 * const bytes = encodeEventStreamMessage({
 *   headers: { ':message-type': { type: 'string', value: 'event' } },
 *   body: new TextEncoder().encode('hi'),
 * });
 * ```
 */
export function encodeEventStreamMessage(message: Message): Uint8Array {
  const headers = marshaller.format(message.headers);
  const total = EVENT_STREAM_FRAMING_BYTES + headers.byteLength + message.body.byteLength;
  if (headers.byteLength > EVENT_STREAM_MAX_HEADERS_BYTES || total > EVENT_STREAM_MAX_MESSAGE_BYTES) {
    throw new FrameLengthError(
      `event-stream message of ${total} bytes (${headers.byteLength} of headers) is over the limits`,
      total,
      headers.byteLength,
    );
  }
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint32(0, total);
  view.setUint32(4, headers.byteLength);
  view.setUint32(8, crc32(out.subarray(0, 8)));
  out.set(headers, EVENT_STREAM_PRELUDE_BYTES);
  out.set(message.body, EVENT_STREAM_PRELUDE_BYTES + headers.byteLength);
  view.setUint32(total - 4, crc32(out.subarray(0, total - 4)));
  return out;
}
