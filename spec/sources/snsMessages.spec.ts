import assert from 'node:assert/strict';
import type { SNSEvent, SQSEvent } from 'aws-lambda';
import { lastValueFrom, of, toArray } from 'rxjs';
import { RecordParseError } from '../../src/errors.js';
import { snsMessages } from '../../src/sources/snsMessages.js';
import { loadEvent } from './loadEvent.js';

describe('snsMessages', () => {
  it('decodes an SNS event: topic, subject, message, attributes and timestamp', async () => {
    const [message] = await lastValueFrom(of(loadEvent<SNSEvent>('sns')).pipe(snsMessages({ json: true }), toArray()));
    assert.equal(message?.kind, 'sns');
    assert.equal(message?.id, '95df01b4-ee98-5cb9-9903-4c221d41eb5e');
    assert.equal(message?.topicArn, 'arn:aws:sns:us-east-1:123456789012:alerts');
    assert.equal(message?.subject, 'CPU alarm');
    assert.deepEqual(message?.body, { alarm: 'cpu-high', value: 97 });
    assert.deepEqual(message?.messageAttributes, { severity: 'critical', retries: '2' });
    assert.equal(message?.timestamp.toISOString(), '2019-01-02T12:45:07.000Z');
    assert.equal(message?.sqs, undefined);
    assert.ok(message?.record);
  });

  it('unwraps SNS notifications carried in SQS bodies, identified by the SQS message id', async () => {
    const event = loadEvent<SQSEvent>('sqs-sns-wrapped');
    event.Records = event.Records.slice(0, 1);
    const [message] = await lastValueFrom(of(event).pipe(snsMessages({ json: true }), toArray()));
    assert.equal(message?.id, 'b6c2ad0b-a2a4-4e6b-9a52-8c7c5e1e5b11');
    assert.equal(message?.messageId, 'd88d4479-6ec0-54fe-b63f-1cf9df4bb16e');
    assert.equal(message?.topicArn, 'arn:aws:sns:eu-west-1:123456789012:orders');
    assert.deepEqual(message?.body, { orderId: 'o-7', items: 3 });
    assert.deepEqual(message?.messageAttributes, { kind: 'order' });
    assert.equal(message?.sqs?.messageId, 'b6c2ad0b-a2a4-4e6b-9a52-8c7c5e1e5b11');
    assert.equal(message?.record, undefined);
  });

  it('errors with RecordParseError for an SQS body that is not an SNS notification (raw delivery)', async () => {
    await assert.rejects(
      lastValueFrom(of(loadEvent<SQSEvent>('sqs-sns-wrapped')).pipe(snsMessages(), toArray())),
      (error: unknown) => error instanceof RecordParseError && error.recordId === 'c7d3be1c-b3b5-4f7c-8b63-9d8d6f2f6c22',
    );
    const plain = loadEvent<SQSEvent>('sqs');
    await assert.rejects(lastValueFrom(of(plain).pipe(snsMessages())), RecordParseError);
  });
});
