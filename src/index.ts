export type { Handler, InvocationContext } from './handler.js';
export { head, isHead, type HttpHead, type HeadEmission } from './head.js';
export {
  RxLambdaError,
  FrameLengthError,
  FrameChecksumError,
  FrameDecodeError,
  TruncatedFrameError,
  InvalidHeaderError,
  PreludeTooLargeError,
  PreludeDecodeError,
  InvalidEmissionError,
  ResponseSizeTooLargeError,
  BackpressureOverflowError,
  InvocationTimeoutError,
  InvocationCancelledError,
  HandlerLoadError,
  InvalidRuntimeOptionError,
  RuntimeApiError,
  UnknownEventSourceError,
  RecordParseError,
  BatchFailedError,
  EventSourceMismatchError,
  RecordNotProcessedError,
  FunctionError,
  LambdaServiceError,
  TruncatedStreamError,
  TransportError,
  ClientConfigError,
  NdjsonParseError,
  EmulatorConfigError,
  PackagerError,
  NodeBinaryError,
  MissingCredentialsError,
} from './errors.js';
export { ndjson } from './sink/ndjson.js';
export { sse, type SseOptions } from './sink/sse.js';
export { pull } from './sink/pull.js';
export { fromReadable } from './sink/fromReadable.js';
