import type { SQSEvent } from 'aws-lambda';
import type { OperatorFunction } from 'rxjs';
import type { BodyOptions } from './decodeBody.js';
import { decodeSqsRecord, type SqsMessage } from './decodeSqsRecord.js';
import { recordOperator } from './recordOperator.js';

/**
 * Turns SQS events into their messages, in order. With `json: true` each `body` is the
 * parsed JSON (and `parse` can check and type it); a body that does not decode errors the
 * stream with `RecordParseError` (use `partialBatch` to fail such a message alone).
 *
 * @example
 * ```ts
 * import { from, mergeMap } from 'rxjs';
 * import { sqsMessages } from 'rx-lambda/sources';
 * export const handler = (event: SQSEvent) =>
 *   from([event]).pipe(sqsMessages<Order>({ json: true }), mergeMap((m) => save(m.body), 4));
 * ```
 */
export function sqsMessages(options?: { readonly json?: false }): OperatorFunction<SQSEvent, SqsMessage<string>>;
export function sqsMessages<T = unknown>(options: BodyOptions<T>): OperatorFunction<SQSEvent, SqsMessage<T>>;
export function sqsMessages<T>(options: BodyOptions<T> = {}): OperatorFunction<SQSEvent, SqsMessage<T>> {
  return recordOperator(['sqs'], (record: SQSEvent['Records'][number]) => decodeSqsRecord<T>(record, options));
}
