import assert from 'node:assert/strict';
import type { EventBridgeEvent } from 'aws-lambda';
import { firstValueFrom, of } from 'rxjs';
import { EventSourceMismatchError } from '../../src/errors.js';
import { scheduledEvents } from '../../src/sources/scheduledEvents.js';
import { loadEvent } from './loadEvent.js';

type Scheduled = EventBridgeEvent<'Scheduled Event', unknown>;

describe('scheduledEvents', () => {
  it('emits the firing time and the rule', async () => {
    const tick = await firstValueFrom(of(loadEvent<Scheduled>('schedule')).pipe(scheduledEvents()));
    assert.equal(tick.kind, 'schedule');
    assert.equal(tick.time.toISOString(), '2024-05-01T06:00:00.000Z');
    assert.equal(tick.ruleArn, 'arn:aws:events:us-east-1:123456789012:rule/nightly-report');
    assert.equal(tick.ruleName, 'nightly-report');
  });

  it('errors with EventSourceMismatchError for an EventBridge event that is not a schedule', async () => {
    await assert.rejects(firstValueFrom(of(loadEvent<Scheduled>('eventbridge')).pipe(scheduledEvents())), EventSourceMismatchError);
  });
});
