import assert from 'node:assert/strict';
import { lastValueFrom } from 'rxjs';
import { invoke } from 'rx-lambda/client';
import { scheduledEvent } from '../../examples/sampleEvents.js';
import { json, withExamples } from './startExamples.js';

describe('examples/scheduledJob', () => {
  const examples = withExamples(['scheduled-job']);

  it('runs the job for a schedule tick and reports what it did', async () => {
    const result = await lastValueFrom(
      invoke({ ...examples().target, functionName: 'scheduled-job', payload: scheduledEvent(new Date('2024-05-01T06:00:00Z')) }),
    );
    assert.deepEqual(json(result.payload), { rule: 'nightly-report', firedAt: '2024-05-01T06:00:00.000Z', readings: 1000, sum: 4500 });
  });
});
