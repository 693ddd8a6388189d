export type { Handler, InvocationContext } from './handler.js';
export { head, isHead, type HttpHead, type HeadEmission } from './head.js';
export * from './errors.js';
export {
  EventStreamDecoder,
  encodeEventStreamMessage,
  encodeHttpPrelude,
  HttpPreludeSplitter,
  toLambdaError,
  type EventStreamMessage,
  type HttpPrelude,
  type LambdaErrorBody,
} from './wire/index.js';
