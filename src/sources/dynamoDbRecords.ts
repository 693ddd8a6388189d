import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { OperatorFunction } from 'rxjs';
import { decodeDynamoDbRecord, type DynamoDbOptions, type DynamoDbRecord } from './decodeDynamoDbRecord.js';
import { recordOperator } from './recordOperator.js';

/**
 * Turns DynamoDB stream events into their records in order, with `keys`, `newImage` and
 * `oldImage` unmarshalled to plain values by `unmarshallImage`.
 *
 * @example
 * ```ts
 * import { filter, of } from 'rxjs';
 * import { dynamoDbRecords } from 'rx-lambda/sources';
 * of(event).pipe(dynamoDbRecords<Order>(), filter((r) => r.eventName === 'REMOVE'))
 *   .subscribe((r) => console.log('deleted', r.oldImage));
 * ```
 */
export function dynamoDbRecords<T = Record<string, unknown>>(
  options: DynamoDbOptions<T> = {},
): OperatorFunction<DynamoDBStreamEvent, DynamoDbRecord<T>> {
  return recordOperator(['dynamodb'], (record: DynamoDBRecord) => decodeDynamoDbRecord<T>(record, options));
}
