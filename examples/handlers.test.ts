// Testing handlers in-process with rx-lambda/testing: a caller-fit HTTP answer, and commit timing in virtual time.
import assert from 'node:assert/strict';
import { concat, interval, map, of, take } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { head, type Handler } from 'rx-lambda';
import { invokeHandler, sampleEvent } from 'rx-lambda/testing';

const hello: Handler = () => concat(of(head({ statusCode: 200, cookies: ['seen=1'] })), of('hello'));
const ticks: Handler = () => interval(100).pipe(take(3), map((n) => `tick ${n}\n`));

describe('hello', () => {
  it('answers an HTTP API with a proxy result it can read', async () => {
    const result = await invokeHandler(hello, sampleEvent('apigw-http', { rawPath: '/hi' }));
    assert.equal(result.mode, 'buffered');
    assert.equal(result.statusCode, 200);
    assert.deepEqual(result.cookies, ['seen=1']);
    assert.equal(result.text(), 'hello');
  });

  it('streams ticks to a Function URL as they come (virtual time)', async () => {
    const scheduler = new TestScheduler(assert.deepEqual);
    let running: ReturnType<typeof invokeHandler> | undefined;
    scheduler.run(() => {
      running = invokeHandler(ticks, sampleEvent('function-url'), { scheduler });
    });
    const result = await running!;
    assert.equal(result.commitReason, 'time');
    assert.deepEqual(result.chunks.map((c) => c.atMs), [150, 200, 300]);
  });
});
