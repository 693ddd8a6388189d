export {
  EventStreamDecoder,
  type EventStreamMessage,
  type EventStreamMessageParts,
  type EventStreamDecoderLimits,
} from './EventStreamDecoder.js';
export { encodeEventStreamMessage } from './encodeEventStreamMessage.js';
export {
  encodePayloadChunk,
  encodeInvokeComplete,
  encodeExceptionFrame,
  type InvokeCompleteFields,
} from './lambdaStreamFrames.js';
export { payloadChunkFrameParts } from './payloadChunkFrameParts.js';
export {
  encodeHttpPrelude,
  assertSafeHeader,
  HTTP_INTEGRATION_CONTENT_TYPE,
  type HttpPrelude,
} from './encodeHttpPrelude.js';
export { HttpPreludeSplitter, parsePrelude, type PreludeSplit } from './HttpPreludeSplitter.js';
export {
  toLambdaError,
  lambdaErrorTypeHeader,
  encodeErrorTrailer,
  decodeErrorTrailer,
  decodeLambdaErrorBody,
  LAMBDA_ERROR_CONTENT_TYPE,
  type LambdaErrorBody,
  type DecodedLambdaError,
} from './lambdaError.js';
