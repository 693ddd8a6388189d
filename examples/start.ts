// npm start: a tour of the wire formats until the emulator-driven demo replaces it.
import { encodeHttpPrelude } from '../src/wire/encodeHttpPrelude.js';
import { EventStreamDecoder } from '../src/wire/EventStreamDecoder.js';
import { encodeInvokeComplete, encodePayloadChunk } from '../src/wire/lambdaStreamFrames.js';

const text = new TextEncoder();
const bytes = Buffer.concat([
  encodePayloadChunk(encodeHttpPrelude({ statusCode: 200, headers: { 'content-type': 'text/plain' } })),
  ...['streamed ', 'by ', 'rx-lambda\n'].map((t) => encodePayloadChunk(text.encode(t))),
  encodeInvokeComplete(),
]);
const decoder = new EventStreamDecoder();
for (let at = 0; at < bytes.byteLength; at += 7) {
  for (const message of decoder.push(bytes.subarray(at, at + 7))) {
    console.log(message.headers[':event-type']?.value, JSON.stringify(new TextDecoder().decode(message.body)));
  }
}
decoder.end();
