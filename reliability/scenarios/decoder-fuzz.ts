import { EventStreamCodec, type Message } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import fc from 'fast-check';
import { EventStreamDecoder } from '../../src/wire/EventStreamDecoder.js';
import { RxLambdaError } from '../../src/errors.js';
import { EVENT_STREAM_MAX_HEADERS_BYTES, EVENT_STREAM_MAX_MESSAGE_BYTES } from '../../src/limits.js';
import type { ReliabilityScenario } from '../ReliabilityScenario.js';
import { framePrelude } from '../../spec/fixtures/wire/framePrelude.js';

const codec = new EventStreamCodec(toUtf8, fromUtf8);


const message = fc.record({
  headers: fc.dictionary(
    fc.string({ minLength: 1, maxLength: 12 }).filter((k) => k !== '__proto__'),
    fc.oneof(
      fc.record({ type: fc.constant('string' as const), value: fc.string({ maxLength: 30 }) }),
      fc.record({ type: fc.constant('binary' as const), value: fc.uint8Array({ maxLength: 30 }) }),
      fc.record({ type: fc.constant('integer' as const), value: fc.integer() }),
    ),
    { maxKeys: 4 },
  ),
  body: fc.uint8Array({ maxLength: 200 }),
}) as fc.Arbitrary<Message>;

/** The kinds of hostile input, each an arbitrary of byte chunks. */
const inputs = fc.oneof(
  // random bytes
  fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 4 }),
  // valid frames with one byte mutated, cut at random points
  fc
    .tuple(fc.array(message, { minLength: 1, maxLength: 3 }), fc.nat(), fc.integer({ min: 1, max: 255 }), fc.nat(), fc.nat())
    .map(([ms, at, xor, cutA, cutB]) => {
      const bytes = Uint8Array.from(Buffer.concat(ms.map((m) => codec.encode(m))));
      bytes[at % bytes.byteLength] = bytes[at % bytes.byteLength]! ^ xor;
      const [a, b] = [cutA % bytes.byteLength, cutB % bytes.byteLength].sort((x, y) => x - y);
      return [bytes.subarray(0, a), bytes.subarray(a, b), bytes.subarray(b)];
    }),
  // valid frames truncated anywhere
  fc.tuple(fc.array(message, { minLength: 1, maxLength: 3 }), fc.nat()).map(([ms, cut]) => {
    const bytes = Buffer.concat(ms.map((m) => codec.encode(m)));
    return [bytes.subarray(0, cut % (bytes.byteLength + 1))];
  }),
  // declared lengths anywhere up to 4 GiB, header lengths at and past the limits
  fc
    .tuple(
      fc.oneof(fc.constant(0xffffffff), fc.constant(EVENT_STREAM_MAX_MESSAGE_BYTES + 1), fc.nat({ max: 0xffffffff }), fc.nat({ max: 64 })),
      fc.oneof(fc.constant(EVENT_STREAM_MAX_HEADERS_BYTES), fc.constant(EVENT_STREAM_MAX_HEADERS_BYTES + 1), fc.nat({ max: 0xffffffff })),
      fc.uint8Array({ maxLength: 64 }),
    )
    .map(([total, headers, rest]) => [framePrelude(total, headers), rest]),
);

/** Decoder fuzzing: every input ends in whole messages or a typed error, within the limits. */
const scenario: ReliabilityScenario = {
  name: 'event-stream decoder fuzz',
  ciRuns: 2_000,
  longRuns: 100_000,
  async run(runs) {
    const failures: string[] = [];
    const samples = fc.sample(inputs, { numRuns: runs });
    for (const chunks of samples) {
      const decoder = new EventStreamDecoder();
      let held = 0;
      let fed = 0;
      try {
        for (const chunk of chunks) {
          fed += chunk.byteLength;
          decoder.push(chunk);
          held = Math.max(held, decoder.bufferedBytes);
        }
        decoder.end();
      } catch (error) {
        if (!(error instanceof RxLambdaError)) {
          failures.push(`untyped error ${String(error)} for ${chunks.map((c) => Buffer.from(c).toString('hex')).join('|')}`);
        }
      }
      // The decoder never holds more than it was given, and never more than one frame's limit.
      if (held > fed || held > EVENT_STREAM_MAX_MESSAGE_BYTES) failures.push(`held ${held} bytes after ${fed} fed`);
    }
    return { runs: samples.length, failures, lost: 0 };
  },
};

export default scenario;
