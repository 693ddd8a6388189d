import assert from 'node:assert/strict';
import * as errors from '../src/errors.js';
import { RxLambdaError } from '../src/errors.js';

/** Every concrete error class with a sample instance; a new class must be added here. */
const table: { error: RxLambdaError; name: string; code: string }[] = [
  { error: new errors.FrameLengthError('m', 1, 0), name: 'FrameLengthError', code: 'ERR_FRAME_LENGTH' },
  { error: new errors.FrameChecksumError('prelude', 1, 2), name: 'FrameChecksumError', code: 'ERR_FRAME_CHECKSUM' },
  { error: new errors.FrameDecodeError('m'), name: 'FrameDecodeError', code: 'ERR_FRAME_DECODE' },
  { error: new errors.TruncatedFrameError(3, 10), name: 'TruncatedFrameError', code: 'ERR_TRUNCATED_FRAME' },
  { error: new errors.InvalidHeaderError('x', 'bad'), name: 'InvalidHeaderError', code: 'ERR_INVALID_HEADER' },
  { error: new errors.PreludeTooLargeError(2, 1), name: 'PreludeTooLargeError', code: 'ERR_PRELUDE_TOO_LARGE' },
  { error: new errors.PreludeDecodeError('m'), name: 'PreludeDecodeError', code: 'ERR_PRELUDE_DECODE' },
  { error: new errors.InvalidEmissionError('m'), name: 'InvalidEmissionError', code: 'ERR_INVALID_EMISSION' },
  { error: new errors.ResponseSizeTooLargeError(2, 1), name: 'ResponseSizeTooLargeError', code: 'ERR_RESPONSE_SIZE_TOO_LARGE' },
  { error: new errors.BackpressureOverflowError(2, 1), name: 'BackpressureOverflowError', code: 'ERR_BACKPRESSURE_OVERFLOW' },
  { error: new errors.InvocationTimeoutError(0, 3), name: 'InvocationTimeoutError', code: 'ERR_INVOCATION_TIMEOUT' },
  { error: new errors.ContextCallbackError('done'), name: 'ContextCallbackError', code: 'ERR_CONTEXT_CALLBACK' },
  { error: new errors.InvocationCancelledError('m'), name: 'InvocationCancelledError', code: 'ERR_INVOCATION_CANCELLED' },
  { error: new errors.HandlerLoadError('m', 'Runtime.HandlerNotFound'), name: 'HandlerLoadError', code: 'ERR_HANDLER_LOAD' },
  { error: new errors.RuntimeApiError('m', 500), name: 'RuntimeApiError', code: 'ERR_RUNTIME_API' },
  { error: new errors.UnknownEventSourceError('unknown', ['a']), name: 'UnknownEventSourceError', code: 'ERR_UNKNOWN_EVENT_SOURCE' },
  { error: new errors.RecordParseError('m', 'id'), name: 'RecordParseError', code: 'ERR_RECORD_PARSE' },
  { error: new errors.BatchFailedError([]), name: 'BatchFailedError', code: 'ERR_BATCH_FAILED' },
  { error: new errors.EventSourceMismatchError(['sqs'], 's3'), name: 'EventSourceMismatchError', code: 'ERR_EVENT_SOURCE_MISMATCH' },
  { error: new errors.RecordNotProcessedError('fifo', 'id'), name: 'RecordNotProcessedError', code: 'ERR_RECORD_NOT_PROCESSED' },
  { error: new errors.FunctionError('Unhandled', 'd'), name: 'FunctionError', code: 'ERR_FUNCTION' },
  { error: new errors.LambdaServiceError('ResourceNotFoundException', 'm', 404), name: 'ResourceNotFoundException', code: 'ERR_LAMBDA_SERVICE' },
  { error: new errors.TruncatedStreamError('m'), name: 'TruncatedStreamError', code: 'ERR_TRUNCATED_STREAM' },
  { error: new errors.TransportError('m'), name: 'TransportError', code: 'ERR_TRANSPORT' },
  { error: new errors.InvalidRuntimeOptionError('bufferLimit', -1, 'a positive integer'), name: 'InvalidRuntimeOptionError', code: 'ERR_INVALID_RUNTIME_OPTION' },
  { error: new errors.ClientConfigError('m'), name: 'ClientConfigError', code: 'ERR_CLIENT_CONFIG' },
  { error: new errors.NdjsonParseError('{x', 3), name: 'NdjsonParseError', code: 'ERR_NDJSON_PARSE' },
  { error: new errors.LineTooLongError(10), name: 'LineTooLongError', code: 'ERR_LINE_TOO_LONG' },
  { error: new errors.EmulatorConfigError('m'), name: 'EmulatorConfigError', code: 'ERR_EMULATOR_CONFIG' },
  { error: new errors.HandlerBuildError('app.ts', ['app.ts:1:1: boom']), name: 'HandlerBuildError', code: 'ERR_HANDLER_BUILD' },
  { error: new errors.PackagerError('m'), name: 'PackagerError', code: 'ERR_PACKAGER' },
  { error: new errors.NodeBinaryError('m', '/bin/node', 'arm64', 'x86_64'), name: 'NodeBinaryError', code: 'ERR_NODE_BINARY' },
  { error: new errors.MissingCredentialsError('m'), name: 'MissingCredentialsError', code: 'ERR_MISSING_CREDENTIALS' },
  { error: new errors.ModelStreamError('throttlingException', 'slow down'), name: 'ModelStreamError', code: 'ERR_MODEL_STREAM' },
];

describe('errors', () => {
  for (const { error, name, code } of table) {
    it(`${name} has its literal name, stable code and a message`, () => {
      assert.ok(error instanceof RxLambdaError);
      assert.ok(error instanceof Error);
      assert.equal(error.name, name);
      assert.equal(error.code, code);
      assert.ok(error.message.length > 0);
      assert.ok(String(error).startsWith(`${name}: `));
    });
  }

  it('every exported error class is in the table', () => {
    const classes = Object.values(errors).filter(
      (value) => typeof value === 'function' && value.prototype instanceof RxLambdaError,
    );
    const covered = new Set(table.map((row) => row.error.constructor));
    const missing = classes.filter((cls) => !covered.has(cls as never)).map((cls) => (cls as { name: string }).name);
    assert.deepEqual(missing, []);
  });

  it('codes are unique per class', () => {
    const byCode = new Map<string, string>();
    for (const { error } of table) {
      const owner = byCode.get(error.code);
      assert.ok(owner === undefined || owner === error.constructor.name, `${error.code} used twice`);
      byCode.set(error.code, error.constructor.name);
    }
  });

  it('keeps the cause', () => {
    const cause = new Error('root');
    assert.equal(new errors.RuntimeApiError('m', undefined, { cause }).cause, cause);
    assert.equal(new errors.RecordParseError('m', 'id', { cause }).cause, cause);
  });
});
