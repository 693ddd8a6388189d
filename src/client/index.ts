export { invokeStream } from './invokeStream.js';
export { invoke, type InvokeResult } from './invoke.js';
export { invokeFunctionUrl, type FunctionUrlInit } from './invokeFunctionUrl.js';
export { payload } from './payload.js';
export { text } from './text.js';
export { lines, type LinesOptions } from './lines.js';
export { ndjson } from './ndjson.js';
export { sse, type SseEvent } from './sse.js';
export { httpResponse } from './httpResponse.js';
export type { StreamEvent, HttpResponseEvent, ByteSource } from './StreamEvent.js';
export type {
  CredentialsOption,
  InvokeOptions,
  InvokeStreamOptions,
  LambdaTarget,
  RetryOptions,
  TransportOptions,
} from './ClientOptions.js';
export {
  DEFAULT_BODY_TIMEOUT_MS,
  DEFAULT_HEADERS_TIMEOUT_MS,
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_RETRY_BASE_DELAY_MS,
  DEFAULT_RETRY_MAX_DELAY_MS,
} from './clientDefaults.js';
export {
  ClientConfigError,
  FunctionError,
  LambdaServiceError,
  LineTooLongError,
  NdjsonParseError,
  TransportError,
  TruncatedStreamError,
} from '../errors.js';
