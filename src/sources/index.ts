export { detectSource, type EventSource } from './detectSource.js';
export { route, type Routes, type HttpEvent } from './route.js';
export { httpRequest, type HttpRequest, type HttpSource } from './httpRequest.js';
export {
  partialBatch,
  DEFAULT_BATCH_CONCURRENCY,
  BATCH_DEADLINE_MARGIN_MS,
  type PartialBatchOptions,
  type PartialBatchResponse,
  type BatchItemFailure,
  type BatchRecord,
  type AnyBatchRecord,
  type BatchEvent,
} from './partialBatch.js';
export { sqsMessages } from './sqsMessages.js';
export { snsMessages } from './snsMessages.js';
export { eventBridgeEvents } from './eventBridgeEvents.js';
export { scheduledEvents } from './scheduledEvents.js';
export { s3Objects } from './s3Objects.js';
export { dynamoDbRecords } from './dynamoDbRecords.js';
export { kinesisRecords } from './kinesisRecords.js';
export type { BodyOptions } from './decodeBody.js';
export type { SqsMessage, SqsFifoAttributes } from './decodeSqsRecord.js';
export type { SnsMessage } from './decodeSnsRecord.js';
export type { KinesisRecord } from './decodeKinesisRecord.js';
export type { DynamoDbRecord, DynamoDbOptions } from './decodeDynamoDbRecord.js';
export { unmarshallImage, DynamoDbNumber, type UnmarshallOptions } from './unmarshallImage.js';
export { decodeS3Key, type S3Object } from './decodeS3Record.js';
export type { EventBridgeMessage, ScheduledTick } from './decodeEventBridgeEvent.js';
