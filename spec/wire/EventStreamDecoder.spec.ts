import assert from 'node:assert/strict';
import { crc32 } from 'node:zlib';
import { EventStreamCodec, Int64, type Message, type MessageHeaders } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import fc from 'fast-check';
import { EventStreamDecoder } from '../../src/wire/EventStreamDecoder.js';
import {
  FrameChecksumError,
  FrameDecodeError,
  FrameLengthError,
  RxLambdaError,
  TruncatedFrameError,
} from '../../src/errors.js';
import { EVENT_STREAM_MAX_HEADERS_BYTES, EVENT_STREAM_MAX_MESSAGE_BYTES } from '../../src/limits.js';
import { framePrelude } from '../fixtures/wire/framePrelude.js';

const codec = new EventStreamCodec(toUtf8, fromUtf8);

function message(eventType: string, body: string | Uint8Array): Message {
  return {
    headers: {
      ':message-type': { type: 'string', value: 'event' },
      ':event-type': { type: 'string', value: eventType },
    },
    body: typeof body === 'string' ? new TextEncoder().encode(body) : body,
  };
}


function decodeAll(chunks: Uint8Array[]): Message[] {
  const decoder = new EventStreamDecoder();
  const out = chunks.flatMap((chunk) => decoder.push(chunk));
  decoder.end();
  return out;
}

function normalize(messages: Message[]) {
  return messages.map((m) => ({
    headers: Object.fromEntries(
      Object.entries(m.headers).map(([name, h]) => [
        name,
        {
          type: h.type,
          value:
            h.value instanceof Uint8Array
              ? Buffer.from(h.value).toString('hex')
              : h.value instanceof Date
                ? h.value.getTime()
                : String(h.value),
        },
      ]),
    ),
    body: Buffer.from(m.body).toString('hex'),
  }));
}

const headerValue = fc.oneof(
  fc.record({ type: fc.constant('string' as const), value: fc.string({ maxLength: 40 }) }),
  fc.record({ type: fc.constant('boolean' as const), value: fc.boolean() }),
  fc.record({ type: fc.constant('integer' as const), value: fc.integer() }),
  fc.record({ type: fc.constant('short' as const), value: fc.integer({ min: -32768, max: 32767 }) }),
  fc.record({ type: fc.constant('byte' as const), value: fc.integer({ min: -128, max: 127 }) }),
  fc.record({ type: fc.constant('binary' as const), value: fc.uint8Array({ maxLength: 40 }) }),
);
const arbitraryMessage = fc.record({
  headers: fc.dictionary(fc.string({ minLength: 1, maxLength: 20 }).filter((k) => k !== '__proto__'), headerValue, {
    maxKeys: 5,
  }),
  body: fc.uint8Array({ maxLength: 300 }),
}) as fc.Arbitrary<Message>;

/** Splits bytes at the given cut points (any order, any duplicates). */
function split(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.byteLength + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let last = 0;
  for (const p of points) {
    out.push(bytes.subarray(last, p));
    last = p;
  }
  out.push(bytes.subarray(last));
  return out;
}

describe('EventStreamDecoder', () => {
  it('decodes a frame encoded by EventStreamCodec', () => {
    const frame = codec.encode(message('PayloadChunk', 'hello'));
    const [decoded] = decodeAll([frame]);
    assert.equal(decoded!.headers[':event-type']!.value, 'PayloadChunk');
    assert.equal(new TextDecoder().decode(decoded!.body), 'hello');
  });

  it('decodes the hand-computed bytes of a frame with no headers and no body', () => {
    // total = 16, headers = 0, prelude CRC = crc32(00000010 00000000) = 0x05c248eb,
    // message CRC = crc32 of the 12 prelude bytes = 0x7d98c8ff.
    const bytes = Buffer.from('000000100000000005c248eb7d98c8ff', 'hex');
    const [decoded] = decodeAll([bytes]);
    assert.deepEqual(decoded!.headers, {});
    assert.equal(decoded!.body.byteLength, 0);
  });

  it('decodes a frame fed one byte at a time', () => {
    const frame = codec.encode(message('InvokeComplete', '{}'));
    const chunks = [...frame].map((b) => Uint8Array.of(b));
    const decoded = decodeAll(chunks);
    assert.equal(decoded.length, 1);
    assert.equal(decoded[0]!.headers[':event-type']!.value, 'InvokeComplete');
  });

  it('splits a chunk that holds several frames and a part of the next', () => {
    const a = codec.encode(message('PayloadChunk', 'a'));
    const b = codec.encode(message('PayloadChunk', 'bb'));
    const c = codec.encode(message('InvokeComplete', '{}'));
    const all = Buffer.concat([a, b, c]);
    const decoder = new EventStreamDecoder();
    const first = decoder.push(all.subarray(0, a.byteLength + b.byteLength + 5));
    assert.deepEqual(first.map((m) => new TextDecoder().decode(m.body)), ['a', 'bb']);
    assert.equal(decoder.bufferedBytes, 5);
    const second = decoder.push(all.subarray(a.byteLength + b.byteLength + 5));
    assert.equal(second.length, 1);
    decoder.end();
  });

  it('returns nothing for an empty chunk', () => {
    assert.deepEqual(new EventStreamDecoder().push(new Uint8Array(0)), []);
  });

  it('reports a stream that ends inside a prelude', () => {
    const frame = codec.encode(message('PayloadChunk', 'x'));
    const decoder = new EventStreamDecoder();
    decoder.push(frame.subarray(0, 7));
    assert.throws(() => decoder.end(), (e: unknown) => e instanceof TruncatedFrameError && e.expectedBytes === undefined);
  });

  it('reports a stream that ends inside a frame body, with how much arrived', () => {
    const frame = codec.encode(message('PayloadChunk', 'xyz'));
    const decoder = new EventStreamDecoder();
    decoder.push(frame.subarray(0, frame.byteLength - 1));
    assert.throws(
      () => decoder.end(),
      (e: unknown) =>
        e instanceof TruncatedFrameError && e.bufferedBytes === frame.byteLength - 1 && e.expectedBytes === frame.byteLength,
    );
  });

  it('rejects a prelude whose checksum does not match before waiting for the frame', () => {
    const bytes = framePrelude(1000, 0);
    bytes[8] = bytes[8]! ^ 0xff;
    assert.throws(() => new EventStreamDecoder().push(bytes), FrameChecksumError);
  });

  it('rejects a message whose checksum does not match', () => {
    const frame = Uint8Array.from(codec.encode(message('PayloadChunk', 'abc')));
    frame[frame.byteLength - 6] = frame[frame.byteLength - 6]! ^ 0x01;
    assert.throws(
      () => new EventStreamDecoder().push(frame),
      (e: unknown) => e instanceof FrameChecksumError && e.part === 'message',
    );
  });

  it('rejects a declared length below the 16 bytes of framing', () => {
    assert.throws(() => new EventStreamDecoder().push(framePrelude(15, 0)), FrameLengthError);
  });

  it('rejects a declared length over 16 MiB without allocating it', () => {
    for (const total of [EVENT_STREAM_MAX_MESSAGE_BYTES + 1, 0xffffffff]) {
      assert.throws(
        () => new EventStreamDecoder().push(framePrelude(total, 0)),
        (e: unknown) => e instanceof FrameLengthError && e.totalLength === total,
      );
    }
  });

  it('accepts a declared length of exactly 16 MiB and waits for it', () => {
    const decoder = new EventStreamDecoder();
    assert.deepEqual(decoder.push(framePrelude(EVENT_STREAM_MAX_MESSAGE_BYTES, 0)), []);
    assert.equal(decoder.bufferedBytes, 12);
  });

  it('rejects headers over 128 KiB, and headers longer than the frame', () => {
    assert.throws(() => new EventStreamDecoder().push(framePrelude(1 << 20, EVENT_STREAM_MAX_HEADERS_BYTES + 1)), FrameLengthError);
    assert.throws(() => new EventStreamDecoder().push(framePrelude(100, 85)), FrameLengthError);
  });

  it('honours smaller limits given to it', () => {
    const frame = codec.encode(message('PayloadChunk', 'x'.repeat(100)));
    assert.throws(() => new EventStreamDecoder({ maxMessageBytes: 64 }).push(frame), FrameLengthError);
  });

  it('rejects headers it cannot parse with a typed error', () => {
    // A header declaring value type 42, which does not exist.
    const headers = Uint8Array.of(1, 0x61, 42);
    const total = 16 + headers.byteLength;
    const frame = new Uint8Array(total);
    frame.set(framePrelude(total, headers.byteLength));
    frame.set(headers, 12);
    new DataView(frame.buffer).setUint32(total - 4, crc32(frame.subarray(0, total - 4)));
    assert.throws(() => new EventStreamDecoder().push(frame), FrameDecodeError);
  });

  it('rejects a header named __proto__ instead of changing the prototype', () => {
    const frame = codec.encode({ headers: JSON.parse('{"__proto__":{"type":"string","value":"x"}}'), body: new Uint8Array(0) });
    assert.throws(() => new EventStreamDecoder().push(frame), FrameDecodeError);
    assert.equal(({} as Record<string, unknown>).type, undefined);
  });

  it('gives a split frame\'s body as views of the chunks it arrived in, without copying them (pushParts)', () => {
    const frame = Buffer.from(codec.encode(message('PayloadChunk', new Uint8Array(300).map((_, i) => i & 0xff))));
    const chunks = split(frame, [5, 40, 200, 290]).map((c) => Uint8Array.from(c)); // separate buffers
    const decoder = new EventStreamDecoder();
    const messages = chunks.flatMap((chunk) => decoder.pushParts(chunk));
    decoder.end();
    assert.equal(messages.length, 1);
    const parts = messages[0]!.bodyParts;
    assert.ok(parts.length > 1, 'the body arrived in several chunks');
    for (const part of parts) assert.ok(chunks.some((chunk) => chunk.buffer === part.buffer), 'each piece is a view of a pushed chunk');
    assert.deepEqual(Buffer.concat(parts), Buffer.from(codec.decode(frame).body));
    assert.equal(messages[0]!.headers[':event-type']!.value, 'PayloadChunk');
  });

  it('gives a frame inside one chunk as one view of that chunk (pushParts)', () => {
    const frame = codec.encode(message('PayloadChunk', 'abc'));
    const [decoded] = new EventStreamDecoder().pushParts(frame);
    assert.equal(decoded!.bodyParts.length, 1);
    assert.equal(decoded!.bodyParts[0]!.buffer, frame.buffer);
    assert.equal(new TextDecoder().decode(decoded!.bodyParts[0]), 'abc');
  });

  for (const [what, from] of [
    ['a body byte in a later chunk', -40],
    ['a byte of the message checksum itself, split across chunks', -2],
    ['a header byte', 14],
  ] as const) {
    it(`rejects a split frame whose checksum fails for ${what}, returning none of its body`, () => {
      const frame = Uint8Array.from(codec.encode(message('PayloadChunk', new Uint8Array(100).fill(7))));
      const at = from < 0 ? frame.byteLength + from : from;
      frame[at] = frame[at]! ^ 0x10;
      const decoder = new EventStreamDecoder();
      const got: unknown[] = [];
      assert.throws(
        () => {
          for (const chunk of split(frame, [10, 30, 60, frame.byteLength - 3])) got.push(...decoder.pushParts(chunk));
        },
        (e: unknown) => e instanceof FrameChecksumError && e.part === 'message',
      );
      assert.deepEqual(got, [], 'nothing of the corrupt frame was returned');
    });
  }

  it('gives the same messages through pushParts as through push, split anywhere (property)', () => {
    fc.assert(
      fc.property(fc.array(arbitraryMessage, { maxLength: 6 }), fc.array(fc.nat(), { maxLength: 20 }), (messages, cuts) => {
        const bytes = Buffer.concat(messages.map((m) => codec.encode(m)));
        const decoder = new EventStreamDecoder();
        const decoded = split(bytes, cuts).flatMap((chunk) => decoder.pushParts(chunk));
        decoder.end();
        assert.deepEqual(normalize(decoded.map((m) => ({ headers: m.headers, body: Buffer.concat(m.bodyParts) }))), normalize(messages));
        for (const m of decoded) for (const part of m.bodyParts) assert.ok(part.byteLength > 0, 'no empty pieces');
      }),
      { numRuns: 1000 },
    );
  });

  it('stays failed after an error', () => {
    const decoder = new EventStreamDecoder();
    assert.throws(() => decoder.push(framePrelude(3, 0)), FrameLengthError);
    assert.throws(() => decoder.push(new Uint8Array(1)), FrameLengthError);
    assert.throws(() => decoder.end(), FrameLengthError);
  });

  it('decodes any list of messages split at random points, in order (property)', () => {
    fc.assert(
      fc.property(fc.array(arbitraryMessage, { maxLength: 8 }), fc.array(fc.nat(), { maxLength: 20 }), (messages, cuts) => {
        const bytes = Buffer.concat(messages.map((m) => codec.encode(m)));
        const decoded = decodeAll(split(bytes, cuts));
        assert.deepEqual(normalize(decoded), normalize(messages));
      }),
      { numRuns: 1000 },
    );
  });

  it('decodes repeated header sections of every value type the same as EventStreamCodec, as fresh objects (property)', () => {
    const every = fc.record({
      s: fc.record({ type: fc.constant('string' as const), value: fc.string({ maxLength: 10 }) }),
      i: fc.record({ type: fc.constant('integer' as const), value: fc.integer() }),
      b: fc.record({ type: fc.constant('boolean' as const), value: fc.boolean() }),
      y: fc.record({ type: fc.constant('byte' as const), value: fc.integer({ min: -128, max: 127 }) }),
      h: fc.record({ type: fc.constant('short' as const), value: fc.integer({ min: -32768, max: 32767 }) }),
      l: fc.record({ type: fc.constant('long' as const), value: fc.integer().map((n) => Int64.fromNumber(n)) }),
      t: fc.record({ type: fc.constant('timestamp' as const), value: fc.integer({ min: 0, max: 2 ** 40 }).map((ms) => new Date(ms)) }),
      u: fc.record({ type: fc.constant('uuid' as const), value: fc.uuid() }),
      x: fc.record({ type: fc.constant('binary' as const), value: fc.uint8Array({ maxLength: 8 }) }),
    });
    const pick = fc.subarray(['s', 'i', 'b', 'y', 'h', 'l', 't', 'u', 'x']);
    const sections = fc.array(fc.tuple(every, pick).map(([all, keys]) => Object.fromEntries(keys.map((k) => [k, all[k as keyof typeof all]])) as MessageHeaders), {
      minLength: 1,
      maxLength: 3,
    });
    fc.assert(
      fc.property(sections, fc.array(fc.nat(), { minLength: 1, maxLength: 12 }), (pool, order) => {
        const frames = order.map((n, i) => codec.encode({ headers: pool[n % pool.length]!, body: Uint8Array.of(i) }));
        const decoder = new EventStreamDecoder();
        for (const frame of frames) {
          const [message, ...rest] = decoder.push(frame);
          assert.equal(rest.length, 0);
          assert.deepEqual(normalize([message!]), normalize([codec.decode(frame)]));
          // Mutating what one frame gave must not change what later frames give.
          for (const name of Object.keys(message!.headers)) (message!.headers[name] as { value: unknown }).value = 'mutated';
        }
        decoder.end();
      }),
      { numRuns: 1000 },
    );
  });

  it('gives a typed error or a correct result when any byte is flipped (property)', () => {
    fc.assert(
      fc.property(
        fc.array(arbitraryMessage, { minLength: 1, maxLength: 4 }),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        (messages, at, xor, cuts) => {
          const bytes = Uint8Array.from(Buffer.concat(messages.map((m) => codec.encode(m))));
          bytes[at % bytes.byteLength] = bytes[at % bytes.byteLength]! ^ xor;
          const decoder = new EventStreamDecoder();
          try {
            let max = 0;
            for (const chunk of split(bytes, cuts)) {
              decoder.push(chunk);
              max = Math.max(max, decoder.bufferedBytes);
            }
            decoder.end();
            assert.ok(max <= bytes.byteLength);
          } catch (error) {
            assert.ok(error instanceof RxLambdaError, `untyped error: ${String(error)}`);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('gives a typed truncation error or whole messages when cut anywhere (property)', () => {
    fc.assert(
      fc.property(fc.array(arbitraryMessage, { minLength: 1, maxLength: 4 }), fc.nat(), (messages, at) => {
        const bytes = Buffer.concat(messages.map((m) => codec.encode(m)));
        const cut = at % (bytes.byteLength + 1);
        const decoder = new EventStreamDecoder();
        const decoded = decoder.push(bytes.subarray(0, cut));
        const boundaries = messages.reduce<number[]>((acc, m) => [...acc, (acc.at(-1) ?? 0) + codec.encode(m).byteLength], [0]);
        if (boundaries.includes(cut)) {
          decoder.end();
          assert.equal(decoded.length, boundaries.indexOf(cut));
        } else {
          assert.throws(() => decoder.end(), TruncatedFrameError);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('gives a typed error or a result for random bytes, never allocating past the limit (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const decoder = new EventStreamDecoder();
        try {
          decoder.push(bytes);
          decoder.end();
        } catch (error) {
          assert.ok(error instanceof RxLambdaError, `untyped error: ${String(error)}`);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
