import assert from 'node:assert/strict';
import { head } from '../../src/head.js';
import { toProxyResult } from '../../src/sink/toProxyResult.js';

const h = head({
  statusCode: 200,
  headers: { 'Content-Type': 'text/plain' },
  multiValueHeaders: { 'x-multi': ['1', '2'] },
  cookies: ['a=1', 'b=2'],
});
const body = Buffer.from('héllo');

describe('toProxyResult', () => {
  it('uses headers and cookies for HTTP API and Function URLs (payload 2.0)', () => {
    assert.deepEqual(toProxyResult(h, body, 'payload-v2'), {
      statusCode: 200,
      headers: { 'content-type': 'text/plain', 'x-multi': '1, 2' },
      cookies: ['a=1', 'b=2'],
      body: 'héllo',
      isBase64Encoded: false,
    });
  });

  it('uses multiValueHeaders with set-cookie for API Gateway REST', () => {
    assert.deepEqual(toProxyResult(h, body, 'apigw-rest'), {
      statusCode: 200,
      headers: { 'content-type': 'text/plain' },
      multiValueHeaders: { 'x-multi': ['1', '2'], 'set-cookie': ['a=1', 'b=2'] },
      body: 'héllo',
      isBase64Encoded: false,
    });
  });

  it('uses multiValueHeaders for ALB when the target group has them on, else headers', () => {
    const multi = toProxyResult(h, body, 'alb-multi-value');
    assert.equal(multi.statusDescription, '200 OK');
    assert.deepEqual(multi.multiValueHeaders?.['set-cookie'], ['a=1', 'b=2']);
    assert.equal(multi.headers, undefined);
    const single = toProxyResult(h, body, 'alb');
    assert.equal(single.headers?.['set-cookie'], 'b=2');
    assert.equal(single.multiValueHeaders, undefined);
  });

  it('base64-encodes binary bodies', () => {
    const png = head({ statusCode: 200, headers: { 'content-type': 'image/png' } });
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
    assert.deepEqual(toProxyResult(png, bytes, 'payload-v2'), {
      statusCode: 200,
      headers: { 'content-type': 'image/png' },
      cookies: [],
      body: bytes.toString('base64'),
      isBase64Encoded: true,
    });
  });

  it('base64-encodes compressed or non-UTF-8 bodies even when the type is text', () => {
    const gz = head({ statusCode: 200, headers: { 'content-type': 'text/html', 'content-encoding': 'gzip' } });
    assert.equal(toProxyResult(gz, Buffer.from('abc'), 'payload-v2').isBase64Encoded, true);
    const bad = head({ statusCode: 200, headers: { 'content-type': 'text/plain' } });
    assert.equal(toProxyResult(bad, Buffer.from([0xff, 0xfe]), 'payload-v2').isBase64Encoded, true);
  });

  it('moves set-cookie headers into cookies for payload 2.0', () => {
    const c = head({ statusCode: 302, multiValueHeaders: { 'Set-Cookie': ['x=1', 'y=2'] } });
    assert.deepEqual(toProxyResult(c, Buffer.alloc(0), 'payload-v2').cookies, ['x=1', 'y=2']);
  });
});
