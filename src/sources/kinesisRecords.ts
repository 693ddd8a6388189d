import type { KinesisStreamEvent, KinesisStreamRecord } from 'aws-lambda';
import type { OperatorFunction } from 'rxjs';
import type { BodyOptions } from './decodeBody.js';
import { decodeKinesisRecord, type KinesisRecord } from './decodeKinesisRecord.js';
import { recordOperator } from './recordOperator.js';

/**
 * Turns Kinesis events into their records in order, with `data` base64-decoded to bytes,
 * or parsed as JSON with `json: true`.
 *
 * @example
 * ```ts
 * import { of } from 'rxjs';
 * import { kinesisRecords } from 'rx-lambda/sources';
 * of(event).pipe(kinesisRecords<Reading>({ json: true })).subscribe((r) => console.log(r.partitionKey, r.data));
 * ```
 */
export function kinesisRecords(options?: { readonly json?: false }): OperatorFunction<KinesisStreamEvent, KinesisRecord<Uint8Array>>;
export function kinesisRecords<T = unknown>(options: BodyOptions<T>): OperatorFunction<KinesisStreamEvent, KinesisRecord<T>>;
export function kinesisRecords<T>(options: BodyOptions<T> = {}): OperatorFunction<KinesisStreamEvent, KinesisRecord<T>> {
  return recordOperator(['kinesis'], (record: KinesisStreamRecord) => decodeKinesisRecord<T>(record, options));
}
