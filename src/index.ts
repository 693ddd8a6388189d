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
  ModelStreamError,
} from './errors.js';
export { ndjson } from './sink/ndjson.js';
export { sse, type SseOptions } from './sink/sse.js';
export { pull } from './sink/pull.js';
export { fromReadable } from './sink/fromReadable.js';
export { fromWebResponse } from './sink/fromWebResponse.js';
export { fetchHandler, type FetchApp, type FetchEnv } from './fetch/fetchHandler.js';
export { toWebRequest } from './fetch/toWebRequest.js';
export { compress, type CompressOptions } from './compress/compress.js';
export { negotiateEncoding, type ContentCoding } from './compress/negotiateEncoding.js';
export { uiMessageStream, UI_MESSAGE_STREAM_HEADERS, type UiMessageStreamOptions } from './ai/uiMessageStream.js';
export { fromConverseStream } from './ai/fromConverseStream.js';
export type { UiStreamPart, FinishReason } from './ai/UiStreamPart.js';
export type { ConverseStreamEvent } from './ai/ConverseStreamEvent.js';
