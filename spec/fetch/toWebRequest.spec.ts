import assert from 'node:assert/strict';
import type { HttpEvent } from '../../src/sources/route.js';
import { toWebRequest } from '../../src/fetch/toWebRequest.js';
import { EventSourceMismatchError } from '../../src/errors.js';
import { loadEvent } from '../sources/loadEvent.js';

describe('toWebRequest', () => {
  it('turns a Function URL event into a Request with method, URL and query as sent, cookies and the base64 body decoded', async () => {
    const request = toWebRequest(loadEvent<HttpEvent>('function-url'));
    assert.equal(request.method, 'PUT');
    assert.equal(request.url, 'https://abcdefghijklmnopqrstuvwxyz012345.lambda-url.eu-west-1.on.aws/stream/q3%20report?format=ndjson&q=a%20b');
    assert.equal(request.headers.get('cookie'), 'session=xyz');
    assert.equal(request.headers.get('accept'), 'application/x-ndjson');
    assert.deepEqual(await request.json(), { window: '7d' });
  });

  it('turns an HTTP API event into a Request with its decoded path re-encoded, every cookie and binary body bytes', async () => {
    const request = toWebRequest(loadEvent<HttpEvent>('apigw-http'));
    const url = new URL(request.url);
    assert.equal(request.method, 'POST');
    assert.equal(decodeURIComponent(url.pathname), '/upload/résumé.bin');
    assert.deepEqual(url.searchParams.getAll('tag'), ['x', 'y']);
    assert.equal(request.headers.get('cookie'), 'session=abc; theme=dark');
    assert.deepEqual([...new Uint8Array(await request.arrayBuffer())], [0, 1, 2, 255, 128, 129, 130]);
  });

  it('turns a REST API event into a Request with repeated headers and query values kept', async () => {
    const request = toWebRequest(loadEvent<HttpEvent>('apigw-rest'));
    const url = new URL(request.url);
    assert.equal(url.origin + url.pathname, 'https://1234567890.execute-api.us-east-1.amazonaws.com/orders/42');
    assert.deepEqual(url.searchParams.getAll('tag'), ['x', 'y']);
    assert.equal(request.headers.get('x-tag'), 'a, b');
    assert.equal(request.headers.get('cookie'), 'session=abc; theme=dark');
    assert.equal(await request.text(), '{"qty":3}');
  });

  it('turns an ALB event into a Request on the forwarded protocol with its encoded query decoded once', () => {
    const request = toWebRequest(loadEvent<HttpEvent>('alb'));
    const url = new URL(request.url);
    assert.equal(url.protocol, 'http:');
    assert.equal(url.pathname, '/health');
    assert.equal(url.searchParams.get('name'), 'a b');
    assert.equal(request.method, 'GET');
    assert.equal(request.body, null);
  });

  it('aborts the Request with the signal it is given', () => {
    const controller = new AbortController();
    const request = toWebRequest(loadEvent<HttpEvent>('alb'), controller.signal);
    controller.abort();
    assert.equal(request.signal.aborted, true);
  });

  it('refuses an event that is not an HTTP one', () => {
    assert.throws(() => toWebRequest(loadEvent<HttpEvent>('sqs')), EventSourceMismatchError);
  });
});
