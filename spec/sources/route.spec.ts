import assert from 'node:assert/strict';
import { firstValueFrom, from, of } from 'rxjs';
import { UnknownEventSourceError } from '../../src/errors.js';
import { route } from '../../src/sources/route.js';
import { loadEvent } from './loadEvent.js';
import { testContext } from './testContext.js';

const call = (handler: ReturnType<typeof route>, event: unknown) => firstValueFrom(from(handler(event, testContext())));

describe('route', () => {
  it('calls the entry for the detected source with the event and context', async () => {
    const context = testContext();
    const handler = route({
      sqs: (event, ctx) => of({ via: 'sqs', n: event.Records.length, same: ctx === context }),
      s3: () => of('s3'),
    });
    assert.deepEqual(await firstValueFrom(from(handler(loadEvent('sqs'), context))), { via: 'sqs', n: 2, same: true });
    assert.equal(await call(handler, loadEvent('s3')), 's3');
  });

  it('sends every HTTP source without its own entry to http', async () => {
    const handler = route({ http: (event) => of(`http:${'version' in event ? event.version : 'v1'}`), alb: () => of('alb') });
    assert.equal(await call(handler, loadEvent('apigw-rest')), 'http:v1');
    assert.equal(await call(handler, loadEvent('apigw-http')), 'http:2.0');
    assert.equal(await call(handler, loadEvent('function-url')), 'http:2.0');
    assert.equal(await call(handler, loadEvent('alb')), 'alb');
  });

  it('prefers schedule for scheduled events, falling back to eventbridge', async () => {
    assert.equal(await call(route({ schedule: () => of('tick'), eventbridge: () => of('eb') }), loadEvent('schedule')), 'tick');
    assert.equal(await call(route({ eventbridge: () => of('eb') }), loadEvent('schedule')), 'eb');
  });

  it('uses default for sources without an entry, unknown events included', async () => {
    const handler = route({ sqs: () => of('sqs'), default: (event) => of({ fallback: event }) });
    assert.deepEqual(await call(handler, { hello: 1 }), { fallback: { hello: 1 } });
    assert.deepEqual(await call(handler, loadEvent('eventbridge')), { fallback: loadEvent('eventbridge') });
  });

  it('errors with UnknownEventSourceError naming the source and top-level keys when nothing matches', async () => {
    const handler = route({ sqs: () => of('sqs') });
    await assert.rejects(
      call(handler, loadEvent('kinesis')),
      (error: unknown) => error instanceof UnknownEventSourceError && error.source === 'kinesis' && error.keys.join() === 'Records',
    );
    await assert.rejects(
      call(handler, { foo: 1, bar: 2 }),
      (error: unknown) =>
        error instanceof UnknownEventSourceError && error.source === 'unknown' && /foo, bar/.test(error.message),
    );
    await assert.rejects(call(handler, null), (error: unknown) => error instanceof UnknownEventSourceError && error.keys.length === 0);
  });
});
