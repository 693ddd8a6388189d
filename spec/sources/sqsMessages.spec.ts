import assert from 'node:assert/strict';
import type { SQSEvent } from 'aws-lambda';
import { firstValueFrom, lastValueFrom, of, toArray } from 'rxjs';
import { EventSourceMismatchError, RecordParseError } from '../../src/errors.js';
import { sqsMessages } from '../../src/sources/sqsMessages.js';
import { loadEvent } from './loadEvent.js';

describe('sqsMessages', () => {
  it('emits every message in order with its text body, attributes and decoded message attributes', async () => {
    const messages = await lastValueFrom(of(loadEvent<SQSEvent>('sqs')).pipe(sqsMessages(), toArray()));
    assert.deepEqual(
      messages.map((m) => m.id),
      ['059f36b4-87a3-44ab-83d2-661975830a7d', '2e1424d4-f796-459a-8184-9c92662be6da'],
    );
    const [first, second] = messages;
    assert.equal(first?.kind, 'sqs');
    assert.equal(first?.body, '{"orderId":"o-1","total":42.5}');
    assert.equal(second?.body, 'plain text with ünïcödé');
    assert.equal(first?.messageAttributes.tenant, 'acme');
    assert.equal(first?.messageAttributes.priority, '7');
    assert.deepEqual(first?.messageAttributes.blob, new Uint8Array([0, 1, 2, 255]));
    assert.equal(second?.receiveCount, 3);
    assert.equal(first?.sentAt.getTime(), 1545082649183);
    assert.equal(first?.queueArn, 'arn:aws:sqs:us-east-2:123456789012:orders');
    assert.equal(first?.fifo, undefined);
  });

  it('parses JSON bodies on request and types them through parse', async () => {
    const event = loadEvent<SQSEvent>('sqs');
    event.Records = event.Records.slice(0, 1);
    const parse = (value: unknown) => {
      const v = value as { orderId: unknown; total: unknown };
      if (typeof v.orderId !== 'string' || typeof v.total !== 'number') throw new Error('not an order');
      return { orderId: v.orderId, total: v.total };
    };
    const message = await firstValueFrom(of(event).pipe(sqsMessages({ json: true, parse })));
    assert.deepEqual(message.body, { orderId: 'o-1', total: 42.5 });
    assert.equal(message.text, '{"orderId":"o-1","total":42.5}');
  });

  it('errors with RecordParseError naming the message when a body is not JSON, after the messages before it', async () => {
    const seen: string[] = [];
    await assert.rejects(
      lastValueFrom(of(loadEvent<SQSEvent>('sqs')).pipe(sqsMessages({ json: true }), toArray())),
      (error: unknown) => error instanceof RecordParseError && error.recordId === '2e1424d4-f796-459a-8184-9c92662be6da',
    );
    await assert.rejects(
      new Promise<void>((resolve, reject) => {
        of(loadEvent<SQSEvent>('sqs'))
          .pipe(sqsMessages({ json: true }))
          .subscribe({ next: (m) => seen.push(m.id), error: reject, complete: () => resolve() });
      }),
      RecordParseError,
    );
    assert.deepEqual(seen, ['059f36b4-87a3-44ab-83d2-661975830a7d']);
  });

  it('exposes the FIFO attributes of messages from a FIFO queue', async () => {
    const [first] = await lastValueFrom(of(loadEvent<SQSEvent>('sqs-fifo')).pipe(sqsMessages(), toArray()));
    assert.deepEqual(first?.fifo, {
      messageGroupId: 'group-a',
      sequenceNumber: '18849496460467696128',
      deduplicationId: 'dedup-1',
    });
  });

  it('fails a message whose Binary attribute is not base64', async () => {
    const event = loadEvent<SQSEvent>('sqs');
    const attribute = event.Records[0]?.messageAttributes.blob;
    if (attribute) attribute.binaryValue = 'not base64!';
    await assert.rejects(firstValueFrom(of(event).pipe(sqsMessages())), RecordParseError);
  });

  it('errors with EventSourceMismatchError for an event from another source, and emits nothing for an empty batch', async () => {
    await assert.rejects(
      firstValueFrom(of(loadEvent<SQSEvent>('s3')).pipe(sqsMessages())),
      (error: unknown) => error instanceof EventSourceMismatchError && error.actual === 's3',
    );
    assert.deepEqual(await lastValueFrom(of({ Records: [] } as SQSEvent).pipe(sqsMessages(), toArray())), []);
  });
});
