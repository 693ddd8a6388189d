import assert from 'node:assert/strict';
import { detectSource, type EventSource } from '../../src/sources/detectSource.js';
import { loadEvent } from './loadEvent.js';

describe('detectSource', () => {
  const samples: [string, EventSource][] = [
    ['sqs', 'sqs'],
    ['sqs-fifo', 'sqs'],
    ['sqs-sns-wrapped', 'sqs'],
    ['sns', 'sns'],
    ['eventbridge', 'eventbridge'],
    ['schedule', 'schedule'],
    ['apigw-rest', 'apigw-rest'],
    ['apigw-http', 'apigw-http'],
    ['function-url', 'function-url'],
    ['alb', 'alb'],
    ['alb-multi-value', 'alb'],
    ['dynamodb', 'dynamodb'],
    ['kinesis', 'kinesis'],
    ['s3', 's3'],
  ];
  for (const [file, expected] of samples) {
    it(`recognises the ${file} sample as '${expected}'`, () => {
      assert.equal(detectSource(loadEvent(file)), expected);
    });
  }

  it('tells a Function URL from an HTTP API v2 event by its lambda-url domain only', () => {
    const event = loadEvent<{ requestContext: { domainName: string } }>('function-url');
    assert.equal(detectSource(event), 'function-url');
    event.requestContext.domainName = 'api.example.com';
    assert.equal(detectSource(event), 'apigw-http');
  });

  it('checks ALB before httpMethod, so an ALB event is never taken for REST v1', () => {
    const event = { ...loadEvent('alb'), requestContext: { elb: { targetGroupArn: 'x' }, resourceId: 'r' } };
    assert.equal(detectSource(event), 'alb');
  });

  it('treats an EventBridge event that is not a scheduled rule as eventbridge', () => {
    assert.equal(detectSource({ 'detail-type': 'Scheduled Event', source: 'com.example', detail: {} }), 'eventbridge');
    assert.equal(detectSource({ 'detail-type': 'Anything', source: 'aws.events', detail: {} }), 'eventbridge');
  });

  it("returns 'unknown' for anything else, never throwing", () => {
    const odd: unknown[] = [
      undefined,
      null,
      42,
      'sqs',
      [],
      [{ eventSource: 'aws:sqs' }],
      {},
      { Records: [] },
      { Records: 'nope' },
      { Records: [null] },
      { Records: [{ eventSource: 'aws:kafka' }] },
      { Records: [{ eventSource: 42 }] },
      { 'detail-type': 1, source: 'aws.events' },
      { httpMethod: 'GET' },
      { httpMethod: 'GET', requestContext: {} },
      { version: '2.0', requestContext: {} },
      { version: '1.0', requestContext: { http: {} } },
      { requestContext: 'x' },
      Object.create(null) as unknown,
    ];
    for (const event of odd) assert.equal(detectSource(event), 'unknown', JSON.stringify(event));
  });
});
