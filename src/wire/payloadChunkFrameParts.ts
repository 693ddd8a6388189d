import { HeaderMarshaller } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import { FrameLengthError } from '../errors.js';
import { EVENT_STREAM_FRAMING_BYTES, EVENT_STREAM_MAX_MESSAGE_BYTES, EVENT_STREAM_PRELUDE_BYTES } from '../limits.js';
import { crc32Of } from './crc32Of.js';

/** The headers section of every Lambda `PayloadChunk` frame (the same bytes as `encodePayloadChunk` writes). */
const PAYLOAD_CHUNK_HEADERS = new HeaderMarshaller(toUtf8, fromUtf8).format({
  ':event-type': { type: 'string', value: 'PayloadChunk' },
  ':content-type': { type: 'string', value: 'application/octet-stream' },
  ':message-type': { type: 'string', value: 'event' },
});

/**
 * A Lambda `PayloadChunk` event frame carrying `payload`, as three parts to write one after
 * the other: the prelude and headers (new bytes), `payload` itself (not copied), and the
 * 4-byte message CRC (computed over the first two incrementally). Concatenated they are
 * exactly `encodePayloadChunk(payload)`. Throws `FrameLengthError` past the 16 MiB limit.
 *
 * @example
 * ```ts
 * const [head, body, crc] = payloadChunkFrameParts(bytes);
 * res.cork(); res.write(head); res.write(body); res.write(crc); res.uncork();
 * ```
 */
export function payloadChunkFrameParts(payload: Uint8Array): readonly [Uint8Array, Uint8Array, Uint8Array] {
  const headersLength = PAYLOAD_CHUNK_HEADERS.byteLength;
  const total = EVENT_STREAM_FRAMING_BYTES + headersLength + payload.byteLength;
  if (total > EVENT_STREAM_MAX_MESSAGE_BYTES) {
    throw new FrameLengthError(`event-stream message of ${total} bytes (${headersLength} of headers) is over the limits`, total, headersLength);
  }
  const head = Buffer.allocUnsafe(EVENT_STREAM_PRELUDE_BYTES + headersLength);
  head.writeUInt32BE(total, 0);
  head.writeUInt32BE(headersLength, 4);
  head.writeUInt32BE(crc32Of(head.subarray(0, 8)), 8);
  head.set(PAYLOAD_CHUNK_HEADERS, EVENT_STREAM_PRELUDE_BYTES);
  const trailer = Buffer.allocUnsafe(4);
  trailer.writeUInt32BE(crc32Of(payload, crc32Of(head)), 0);
  return [head, payload, trailer];
}
