import assert from 'node:assert/strict';
import { detectSource, type EventSource } from '../../src/sources/detectSource.js';
import { sampleEvent } from '../../src/testing/sampleEvent.js';

const SOURCES: Exclude<EventSource, 'unknown'>[] = [
  'sqs', 'sns', 'eventbridge', 'schedule', 'apigw-rest', 'apigw-http', 'function-url', 'alb', 'dynamodb', 'kinesis', 's3',
];

describe('sampleEvent', () => {
  for (const source of SOURCES) {
    it(`returns an event that detectSource recognises as ${source}`, () => {
      assert.equal(detectSource(sampleEvent(source)), source);
    });
  }

  it('merges overrides deeply and replaces arrays', () => {
    const event = sampleEvent('apigw-http', { rawPath: '/orders/7', requestContext: { http: { method: 'GET' } }, cookies: ['x=1'] });
    assert.equal(event.rawPath, '/orders/7');
    assert.equal(event.requestContext.http.method, 'GET');
    assert.equal(event.requestContext.http.protocol, 'HTTP/1.1', 'siblings of an override stay');
    assert.deepEqual(event.cookies, ['x=1']);
  });

  it('returns a fresh copy every time', () => {
    const first = sampleEvent('sqs');
    first.Records[0]!.body = 'changed';
    assert.notEqual(sampleEvent('sqs').Records[0]!.body, 'changed');
  });

  it('ignores prototype keys in overrides', () => {
    const event = sampleEvent('sqs', JSON.parse('{"__proto__":{"polluted":true}}') as never);
    assert.equal((event as unknown as { polluted?: boolean }).polluted, undefined);
    assert.equal(({} as { polluted?: boolean }).polluted, undefined);
  });

  it('refuses a source it does not know', () => {
    assert.throws(() => sampleEvent('nope' as never), RangeError);
  });
});
