import type { AttributeValue as StreamAttributeValue, DynamoDBRecord } from 'aws-lambda';
import { RecordParseError } from '../errors.js';
import { describeError } from './decodeBody.js';
import { unmarshallImage, type UnmarshallOptions } from './unmarshallImage.js';

/** How DynamoDB images are decoded. */
export interface DynamoDbOptions<T = Record<string, unknown>> {
  /** How numbers are read (`wrapNumbers` for numbers beyond a JavaScript number); see `unmarshallImage`. */
  readonly unmarshall?: UnmarshallOptions;
  /** Validates and types each image (`newImage`, `oldImage`); a throw fails that record. */
  readonly parse?: (image: Record<string, unknown>) => T;
}

/**
 * A DynamoDB stream record with its images unmarshalled to plain values.
 * `id` is the sequence number, the `itemIdentifier` for partial batch responses.
 */
export interface DynamoDbRecord<T = Record<string, unknown>> {
  readonly kind: 'dynamodb';
  /** The sequence number; the `itemIdentifier` of a batch item failure. */
  readonly id: string;
  readonly sequenceNumber: string;
  readonly eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  readonly keys: Record<string, unknown>;
  /** The item after the change; absent for `REMOVE` and for `KEYS_ONLY`/`OLD_IMAGE` streams. */
  readonly newImage: T | undefined;
  /** The item before the change; absent for `INSERT` and for `KEYS_ONLY`/`NEW_IMAGE` streams. */
  readonly oldImage: T | undefined;
  readonly createdAt: Date | undefined;
  readonly tableArn: string;
  /** The record as Lambda delivered it. */
  readonly record: DynamoDBRecord;
}

type Image = Record<string, StreamAttributeValue>;

/** Milliseconds per second, for `ApproximateCreationDateTime` (epoch seconds). */
const MS_PER_SECOND = 1000;

/** Decodes one DynamoDB stream record; throws `RecordParseError` when an image does not decode. */
export function decodeDynamoDbRecord<T = Record<string, unknown>>(
  record: DynamoDBRecord,
  options: DynamoDbOptions<T> = {},
): DynamoDbRecord<T> {
  const stream = record.dynamodb ?? {};
  const id = stream.SequenceNumber ?? record.eventID ?? '';
  const plain = (raw: Image, which: string): Record<string, unknown> => {
    try {
      return unmarshallImage(raw, options.unmarshall);
    } catch (error) {
      throw new RecordParseError(`record ${id}: ${which} does not unmarshall: ${describeError(error)}`, id, { cause: error });
    }
  };
  const image = (raw: Image | undefined, which: string): T | undefined => {
    if (raw === undefined) return undefined;
    const value = plain(raw, which);
    if (options.parse === undefined) return value as T;
    try {
      return options.parse(value);
    } catch (error) {
      throw new RecordParseError(`record ${id}: ${which} was rejected by parse: ${describeError(error)}`, id, { cause: error });
    }
  };
  const eventName = record.eventName ?? 'MODIFY';
  return {
    kind: 'dynamodb',
    id,
    sequenceNumber: id,
    eventName,
    keys: stream.Keys === undefined ? {} : plain(stream.Keys, 'Keys'),
    newImage: image(stream.NewImage, 'NewImage'),
    oldImage: image(stream.OldImage, 'OldImage'),
    createdAt:
      stream.ApproximateCreationDateTime === undefined ? undefined : new Date(stream.ApproximateCreationDateTime * MS_PER_SECOND),
    tableArn: record.eventSourceARN ?? '',
    record,
  };
}
