import type { KinesisStreamRecord } from 'aws-lambda';
import { decodeBase64, decodeBody, type BodyOptions } from './decodeBody.js';

/**
 * A Kinesis record decoded: `data` is the bytes, or the parsed JSON with `json: true`.
 * `id` is the sequence number, the `itemIdentifier` for partial batch responses.
 */
export interface KinesisRecord<T = Uint8Array> {
  readonly kind: 'kinesis';
  /** The sequence number; the `itemIdentifier` of a batch item failure. */
  readonly id: string;
  readonly sequenceNumber: string;
  readonly partitionKey: string;
  /** The data decoded per the options: the bytes by default. */
  readonly data: T;
  /** The data bytes, base64-decoded. */
  readonly bytes: Uint8Array;
  readonly arrivedAt: Date;
  readonly streamArn: string;
  /** The record as Lambda delivered it. */
  readonly record: KinesisStreamRecord;
}

/** Milliseconds per second, for `approximateArrivalTimestamp` (epoch seconds with a fraction). */
const MS_PER_SECOND = 1000;

/** Decodes one Kinesis record; throws `RecordParseError` when its data does not decode. */
export function decodeKinesisRecord<T>(record: KinesisStreamRecord, options: BodyOptions<T> = {}): KinesisRecord<T> {
  const { sequenceNumber } = record.kinesis;
  const bytes = decodeBase64(record.kinesis.data, sequenceNumber);
  return {
    kind: 'kinesis',
    id: sequenceNumber,
    sequenceNumber,
    partitionKey: record.kinesis.partitionKey,
    data: decodeBody<T>(bytes, sequenceNumber, options),
    bytes,
    arrivedAt: new Date(record.kinesis.approximateArrivalTimestamp * MS_PER_SECOND),
    streamArn: record.eventSourceARN,
    record,
  };
}
