import assert from 'node:assert/strict';
import { EventSourceMismatchError, RecordParseError } from '../../src/errors.js';
import { httpRequest } from '../../src/sources/httpRequest.js';
import type { HttpEvent } from '../../src/sources/route.js';
import { loadEvent } from './loadEvent.js';

const request = (name: string) => httpRequest(loadEvent<HttpEvent>(name));

describe('httpRequest', () => {
  it('normalises an API Gateway REST (v1) request with multi-value headers and query', () => {
    const r = request('apigw-rest');
    assert.equal(r.source, 'apigw-rest');
    assert.equal(r.method, 'POST');
    assert.equal(r.path, '/orders/42');
    assert.equal(r.headers['content-type'], 'application/json');
    assert.equal(r.headers['x-tag'], 'a, b');
    assert.deepEqual(r.multiValueHeaders['x-tag'], ['a', 'b']);
    assert.deepEqual(r.multiValueQuery.tag, ['x', 'y']);
    assert.equal(r.query.tag, 'y');
    assert.equal(r.query.expand, 'lines');
    assert.deepEqual(r.cookies, { session: 'abc', theme: 'dark' });
    assert.deepEqual(r.pathParameters, { id: '42' });
    assert.deepEqual(r.json(), { qty: 3 });
    assert.equal(r.sourceIp, '203.0.113.5');
    assert.equal(r.requestId, 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef');
  });

  it('normalises an HTTP API (v2) request with a base64 binary body, cookies and repeated query names', () => {
    const r = request('apigw-http');
    assert.equal(r.source, 'apigw-http');
    assert.equal(r.method, 'POST');
    assert.equal(r.path, '/upload/résumé.bin');
    assert.deepEqual([...r.body], [0, 1, 2, 255, 128, 129, 130]);
    assert.deepEqual(r.multiValueQuery.tag, ['x', 'y']);
    assert.equal(r.query.mode, 'fast');
    assert.deepEqual(r.cookies, { session: 'abc', theme: 'dark' });
    assert.equal(r.headers.cookie, 'session=abc; theme=dark');
    assert.deepEqual(r.pathParameters, { name: 'résumé.bin' });
    assert.equal(r.sourceIp, '203.0.113.5');
  });

  it('normalises a Function URL request: percent-encoded path decoded, base64 JSON body, encoded query', () => {
    const r = request('function-url');
    assert.equal(r.source, 'function-url');
    assert.equal(r.method, 'PUT');
    assert.equal(r.path, '/stream/q3 report');
    assert.deepEqual(r.json(), { window: '7d' });
    assert.equal(r.text(), '{"window":"7d"}');
    assert.equal(r.query.q, 'a b');
    assert.deepEqual(r.cookies, { session: 'xyz' });
    assert.deepEqual(r.pathParameters, {});
    assert.equal(r.requestId, '2a1e6b9a-0c5f-4b8e-9f0a-1f2e3d4c5b6a');
  });

  it('normalises an ALB request, decoding the query ALB passes through encoded', () => {
    const r = request('alb');
    assert.equal(r.source, 'alb');
    assert.equal(r.method, 'GET');
    assert.equal(r.path, '/health');
    assert.equal(r.query.name, 'a b');
    assert.equal(r.body.length, 0);
    assert.equal(r.text(), '');
    assert.equal(r.sourceIp, '72.12.164.125');
  });

  it('normalises an ALB request with multi-value headers, query and cookies, and a base64 body', () => {
    const r = request('alb-multi-value');
    assert.equal(r.method, 'POST');
    assert.deepEqual(r.multiValueHeaders['x-tag'], ['first', 'second']);
    assert.equal(r.headers['x-tag'], 'first, second');
    assert.equal(r.headers.cookie, 'a=1; b=2; c=3');
    assert.deepEqual(r.cookies, { a: '1', b: '2', c: '3' });
    assert.deepEqual(r.multiValueQuery, { tag: ['x', 'y'], q: ['café'] });
    assert.equal(r.text(), 'hello world');
  });

  it('throws RecordParseError from json() when the body is not JSON', () => {
    assert.throws(() => request('alb-multi-value').json(), RecordParseError);
  });

  it('throws EventSourceMismatchError for an event that is not HTTP', () => {
    assert.throws(() => httpRequest(loadEvent<HttpEvent>('sqs')), EventSourceMismatchError);
  });
});
