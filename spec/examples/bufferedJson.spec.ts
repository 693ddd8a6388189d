import assert from 'node:assert/strict';
import { lastValueFrom, toArray } from 'rxjs';
import { invoke, invokeStream } from 'rx-lambda/client';
import { json, withExamples } from './startExamples.js';

describe('examples/bufferedJson', () => {
  const examples = withExamples(['buffered-json']);

  it('answers the buffered Invoke API with one JSON result', async () => {
    const result = await lastValueFrom(invoke({ ...examples().target, functionName: 'buffered-json', payload: { name: 'spec', count: 10 } }));
    const body = json<{ greeting: string; sumOfFirst: { count: number; sum: number }; requestId: string }>(result.payload);
    assert.equal(result.statusCode, 200);
    assert.equal(body.greeting, 'hello, spec');
    assert.deepEqual(body.sumOfFirst, { count: 10, sum: 55 });
    assert.match(body.requestId, /^[0-9a-f-]{36}$/);
  });

  it('arrives in one piece over InvokeWithResponseStream, as the runtime posts it buffered', async () => {
    const events = await lastValueFrom(invokeStream({ ...examples().target, functionName: 'buffered-json', payload: {} }).pipe(toArray()));
    const chunks = events.filter((event) => event.type === 'PayloadChunk');
    assert.equal(chunks.length, 1);
    assert.equal(json<{ greeting: string }>(chunks[0]!.payload).greeting, 'hello, world');
    assert.deepEqual(events.at(-1), { type: 'InvokeComplete' });
  });
});
