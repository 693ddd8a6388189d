import type { S3Event, S3EventRecord } from 'aws-lambda';
import type { OperatorFunction } from 'rxjs';
import { decodeS3Record, type S3Object } from './decodeS3Record.js';
import { recordOperator } from './recordOperator.js';

/**
 * Turns S3 event notifications into the objects they name, in order, with each key
 * URL-decoded (`+` as space, UTF-8 escapes).
 *
 * @example
 * ```ts
 * import { of } from 'rxjs';
 * import { s3Objects } from 'rx-lambda/sources';
 * of(event).pipe(s3Objects()).subscribe((o) => console.log(o.bucket, o.key, o.size));
 * ```
 */
export function s3Objects(): OperatorFunction<S3Event, S3Object> {
  return recordOperator(['s3'], (record: S3EventRecord) => decodeS3Record(record));
}
