import assert from 'node:assert/strict';
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import fc from 'fast-check';
import { FrameLengthError } from '../../src/errors.js';
import { EVENT_STREAM_MAX_MESSAGE_BYTES } from '../../src/limits.js';
import { encodePayloadChunk } from '../../src/wire/lambdaStreamFrames.js';
import { payloadChunkFrameParts } from '../../src/wire/payloadChunkFrameParts.js';

const codec = new EventStreamCodec(toUtf8, fromUtf8);

describe('payloadChunkFrameParts', () => {
  it('gives parts that concatenate to the frame encodePayloadChunk writes, and that smithy decodes (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000, size: 'max' }), (payload) => {
        const parts = payloadChunkFrameParts(payload);
        const frame = Buffer.concat(parts);
        assert.deepEqual(frame, Buffer.from(encodePayloadChunk(payload)));
        const decoded = codec.decode(frame);
        assert.equal(decoded.headers[':event-type']?.value, 'PayloadChunk');
        assert.deepEqual(Buffer.from(decoded.body), Buffer.from(payload));
      }),
      { numRuns: 300 },
    );
  });

  it('hands the payload over as it is, not copied', () => {
    const payload = new Uint8Array(100_000);
    assert.equal(payloadChunkFrameParts(payload)[1], payload);
  });

  it('refuses a payload that would make a frame over 16 MiB', () => {
    assert.throws(() => payloadChunkFrameParts(new Uint8Array(EVENT_STREAM_MAX_MESSAGE_BYTES)), FrameLengthError);
  });
});
