import assert from 'node:assert/strict';
import type { EventBridgeEvent } from 'aws-lambda';
import { firstValueFrom, of } from 'rxjs';
import { EventSourceMismatchError, RecordParseError } from '../../src/errors.js';
import { eventBridgeEvents } from '../../src/sources/eventBridgeEvents.js';
import { loadEvent } from './loadEvent.js';

type Any = EventBridgeEvent<string, unknown>;

describe('eventBridgeEvents', () => {
  it('emits the envelope with its detail', async () => {
    const message = await firstValueFrom(of(loadEvent<Any>('eventbridge')).pipe(eventBridgeEvents<{ orderId: string }>()));
    assert.equal(message.kind, 'eventbridge');
    assert.equal(message.detailType, 'Order Placed');
    assert.equal(message.source, 'com.example.orders');
    assert.equal(message.detail.orderId, 'o-9');
    assert.equal(message.time.toISOString(), '2024-05-01T10:00:00.000Z');
  });

  it('checks the detail with parse and errors with RecordParseError when it throws', async () => {
    const parse = (detail: unknown) => {
      if (typeof (detail as { customerId?: unknown }).customerId !== 'string') throw new Error('customerId missing');
      return detail as { customerId: string };
    };
    await assert.rejects(firstValueFrom(of(loadEvent<Any>('eventbridge')).pipe(eventBridgeEvents({ parse }))), RecordParseError);
  });

  it('errors with EventSourceMismatchError for a non-EventBridge event', async () => {
    await assert.rejects(firstValueFrom(of(loadEvent<Any>('sqs')).pipe(eventBridgeEvents())), EventSourceMismatchError);
  });
});
