import type { S3EventRecord } from 'aws-lambda';
import { RecordParseError } from '../errors.js';

/** An S3 object notification decoded, with its key URL-decoded. */
export interface S3Object {
  readonly kind: 's3';
  readonly bucket: string;
  /** The object key, decoded (`+` is a space, `%XX` are UTF-8 bytes). */
  readonly key: string;
  /** The key as the notification carries it (URL-encoded). */
  readonly rawKey: string;
  /** Bytes; absent for deletions. */
  readonly size: number | undefined;
  /** Absent for deletions. */
  readonly etag: string | undefined;
  readonly versionId: string | undefined;
  /** For example `ObjectCreated:Put`, `ObjectRemoved:Delete`. */
  readonly eventName: string;
  readonly eventTime: Date;
  readonly region: string;
  /** The record as Lambda delivered it. */
  readonly record: S3EventRecord;
}

/**
 * Decodes an S3 key from an event notification: form-encoded, so `+` is a space.
 * Throws `RecordParseError` for a malformed escape.
 *
 * @example
 * ```ts
 * import { decodeS3Key } from 'rx-lambda/sources';
 * decodeS3Key('reports/annual+report+caf%C3%A9.pdf'); // 'reports/annual report café.pdf'
 * ```
 */
export function decodeS3Key(rawKey: string): string {
  try {
    return decodeURIComponent(rawKey.replace(/\+/g, ' '));
  } catch (error) {
    throw new RecordParseError(`S3 key ${JSON.stringify(rawKey)} is not URL-encoded`, rawKey, { cause: error });
  }
}

/** Decodes one S3 event notification record. */
export function decodeS3Record(record: S3EventRecord): S3Object {
  const { bucket, object } = record.s3;
  return {
    kind: 's3',
    bucket: bucket.name,
    key: decodeS3Key(object.key),
    rawKey: object.key,
    size: object.size,
    etag: object.eTag,
    versionId: object.versionId,
    eventName: record.eventName,
    eventTime: new Date(record.eventTime),
    region: record.awsRegion,
    record,
  };
}
