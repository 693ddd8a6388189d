// Events as Lambda delivers them, for invoking the examples locally.
import type { ScheduledEvent, SQSEvent, SQSRecord } from 'aws-lambda';

const QUEUE_ARN = 'arn:aws:sqs:us-east-1:123456789012:orders';

/** An SQS batch with one message per body (message ids `m-1`, `m-2`, …). */
export function sqsEvent(bodies: readonly string[]): SQSEvent {
  return {
    Records: bodies.map((body, i): SQSRecord => ({
      messageId: `m-${i + 1}`,
      receiptHandle: `receipt-${i + 1}`,
      body,
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: '1714543200000',
        SenderId: 'AIDAEXAMPLE',
        ApproximateFirstReceiveTimestamp: '1714543200001',
      },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: QUEUE_ARN,
      awsRegion: 'us-east-1',
    })),
  };
}

/** Four orders: two good, one with a bad quantity, one that is not JSON. */
export const ORDERS_BATCH = sqsEvent([
  JSON.stringify({ orderId: 'o-1', quantity: 2 }),
  JSON.stringify({ orderId: 'o-2', quantity: 0 }),
  'this is not JSON',
  JSON.stringify({ orderId: 'o-4', quantity: 5 }),
]);

/** An EventBridge schedule firing the rule `nightly-report`. */
export function scheduledEvent(time = new Date()): ScheduledEvent {
  return {
    version: '0',
    id: '53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa',
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: '123456789012',
    time: time.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: 'us-east-1',
    resources: ['arn:aws:events:us-east-1:123456789012:rule/nightly-report'],
    detail: {},
  };
}
