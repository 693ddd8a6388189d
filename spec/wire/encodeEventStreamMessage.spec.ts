import assert from 'node:assert/strict';
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import { encodeEventStreamMessage } from '../../src/wire/encodeEventStreamMessage.js';
import { FrameLengthError } from '../../src/errors.js';
import { EVENT_STREAM_MAX_MESSAGE_BYTES } from '../../src/limits.js';

const codec = new EventStreamCodec(toUtf8, fromUtf8);

describe('encodeEventStreamMessage', () => {
  it('produces the same bytes as EventStreamCodec', () => {
    const message = {
      headers: {
        ':message-type': { type: 'string' as const, value: 'event' },
        ':event-type': { type: 'string' as const, value: 'PayloadChunk' },
        flag: { type: 'boolean' as const, value: true },
      },
      body: new TextEncoder().encode('payload bytes'),
    };
    assert.deepEqual(Buffer.from(encodeEventStreamMessage(message)), Buffer.from(codec.encode(message)));
  });

  it('encodes an empty message as the 16 hand-computed bytes', () => {
    const bytes = encodeEventStreamMessage({ headers: {}, body: new Uint8Array(0) });
    assert.equal(Buffer.from(bytes).toString('hex'), '000000100000000005c248eb7d98c8ff');
  });

  it('refuses a message over 16 MiB', () => {
    assert.throws(
      () => encodeEventStreamMessage({ headers: {}, body: new Uint8Array(EVENT_STREAM_MAX_MESSAGE_BYTES) }),
      FrameLengthError,
    );
  });
});
