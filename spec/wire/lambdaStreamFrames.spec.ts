import assert from 'node:assert/strict';
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import { encodeExceptionFrame, encodeInvokeComplete, encodePayloadChunk } from '../../src/wire/lambdaStreamFrames.js';

const codec = new EventStreamCodec(toUtf8, fromUtf8);
const header = (bytes: Uint8Array, name: string) => codec.decode(bytes).headers[name]?.value;
const json = (bytes: Uint8Array) => JSON.parse(new TextDecoder().decode(codec.decode(bytes).body)) as unknown;

describe('encodePayloadChunk', () => {
  it('is a PayloadChunk event whose body is the raw bytes', () => {
    const frame = encodePayloadChunk(Uint8Array.of(0, 1, 2, 255));
    assert.equal(header(frame, ':message-type'), 'event');
    assert.equal(header(frame, ':event-type'), 'PayloadChunk');
    assert.deepEqual([...codec.decode(frame).body], [0, 1, 2, 255]);
  });
});

describe('encodeInvokeComplete', () => {
  it('carries ErrorCode, ErrorDetails and LogResult as JSON', () => {
    const frame = encodeInvokeComplete({ errorCode: 'Function.Boom', errorDetails: 'bad', logResult: 'bG9n' });
    assert.equal(header(frame, ':event-type'), 'InvokeComplete');
    assert.deepEqual(json(frame), { ErrorCode: 'Function.Boom', ErrorDetails: 'bad', LogResult: 'bG9n' });
  });

  it('is an empty JSON object for a success without a log', () => {
    assert.deepEqual(json(encodeInvokeComplete()), {});
  });
});

describe('encodeExceptionFrame', () => {
  it('is an exception message with the type header and a JSON message', () => {
    const frame = encodeExceptionFrame('ServiceException', 'broken');
    assert.equal(header(frame, ':message-type'), 'exception');
    assert.equal(header(frame, ':exception-type'), 'ServiceException');
    assert.deepEqual(json(frame), { message: 'broken' });
  });
});
