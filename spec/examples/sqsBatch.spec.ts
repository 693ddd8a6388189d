import assert from 'node:assert/strict';
import { lastValueFrom } from 'rxjs';
import { FunctionError, invoke } from 'rx-lambda/client';
import { ORDERS_BATCH, sqsEvent } from '../../examples/sampleEvents.js';
import { json, withExamples } from './startExamples.js';

describe('examples/sqsBatch', () => {
  const examples = withExamples(['sqs-batch']);
  const call = (payload: unknown) => lastValueFrom(invoke({ ...examples().target, functionName: 'sqs-batch', payload }));

  it('reports only the failed messages: a bad quantity and a body that is not JSON', async () => {
    const result = await call(ORDERS_BATCH);
    assert.deepEqual(json(result.payload), { batchItemFailures: [{ itemIdentifier: 'm-2' }, { itemIdentifier: 'm-3' }] });
  });

  it('reports no failures for a good batch', async () => {
    const result = await call(sqsEvent([JSON.stringify({ orderId: 'a', quantity: 1 })]));
    assert.deepEqual(json(result.payload), { batchItemFailures: [] });
  });

  it('fails the whole invocation when every message fails, so SQS retries the batch', async () => {
    await assert.rejects(call(sqsEvent(['nope', JSON.stringify({ orderId: 'b', quantity: -1 })])), (error: unknown) => {
      assert.ok(error instanceof FunctionError);
      assert.equal(error.errorCode, 'Unhandled');
      assert.equal((error.payload as { errorType: string }).errorType, 'BatchFailedError');
      return true;
    });
  });
});
