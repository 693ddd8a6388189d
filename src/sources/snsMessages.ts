import type { SNSEvent, SNSEventRecord, SQSEvent, SQSRecord } from 'aws-lambda';
import type { OperatorFunction } from 'rxjs';
import type { BodyOptions } from './decodeBody.js';
import { decodeSnsInSqsRecord, decodeSnsRecord, type SnsMessage } from './decodeSnsRecord.js';
import { recordOperator } from './recordOperator.js';

/**
 * Turns SNS events, or SQS events whose bodies are SNS notifications (a topic subscribed
 * to a queue without raw message delivery), into SNS messages in order. With `json: true`
 * each `body` is the parsed message.
 *
 * @example
 * ```ts
 * import { of } from 'rxjs';
 * import { snsMessages } from 'rx-lambda/sources';
 * of(event).pipe(snsMessages<Alarm>({ json: true })).subscribe((m) => console.log(m.topicArn, m.body));
 * ```
 */
export function snsMessages(options?: { readonly json?: false }): OperatorFunction<SNSEvent | SQSEvent, SnsMessage<string>>;
export function snsMessages<T = unknown>(options: BodyOptions<T>): OperatorFunction<SNSEvent | SQSEvent, SnsMessage<T>>;
export function snsMessages<T>(options: BodyOptions<T> = {}): OperatorFunction<SNSEvent | SQSEvent, SnsMessage<T>> {
  return recordOperator(['sns', 'sqs'], (record: SNSEventRecord | SQSRecord) =>
    'Sns' in record ? decodeSnsRecord<T>(record, options) : decodeSnsInSqsRecord<T>(record, options),
  );
}
