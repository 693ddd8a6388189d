import assert from 'node:assert/strict';
import {
  decodeErrorTrailer,
  decodeLambdaErrorBody,
  encodeErrorTrailer,
  lambdaErrorTypeHeader,
  toLambdaError,
} from '../../src/wire/lambdaError.js';
import { HandlerLoadError, ResponseSizeTooLargeError } from '../../src/errors.js';

describe('toLambdaError', () => {
  it('takes type, message and stack frames from an Error', () => {
    const body = toLambdaError(new TypeError('bad input'));
    assert.equal(body.errorType, 'TypeError');
    assert.equal(body.errorMessage, 'bad input');
    assert.ok(body.stackTrace.length > 0);
    assert.ok(body.stackTrace.every((line) => line.startsWith('at ')));
  });

  it('handles strings, objects, null and undefined', () => {
    assert.deepEqual(toLambdaError('boom'), { errorType: 'string', errorMessage: 'boom', stackTrace: [] });
    assert.deepEqual(toLambdaError({ code: 1 }), { errorType: 'object', errorMessage: '{"code":1}', stackTrace: [] });
    assert.deepEqual(toLambdaError({ name: 'Custom', message: 'm' }), { errorType: 'Custom', errorMessage: 'm', stackTrace: [] });
    assert.deepEqual(toLambdaError(null), { errorType: 'Error', errorMessage: 'null', stackTrace: [] });
    assert.deepEqual(toLambdaError(undefined), { errorType: 'Error', errorMessage: 'undefined', stackTrace: [] });
    assert.deepEqual(toLambdaError(42), { errorType: 'number', errorMessage: '42', stackTrace: [] });
  });

  it('does not throw on values JSON cannot serialize', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    assert.equal(toLambdaError(cyclic).errorType, 'object');
    assert.equal(toLambdaError(10n).errorMessage, '10');
  });
});

describe('lambdaErrorTypeHeader', () => {
  it('is Function.<name> for handler errors', () => {
    assert.equal(lambdaErrorTypeHeader(new RangeError('x')), 'Function.RangeError');
    assert.equal(lambdaErrorTypeHeader('text'), 'Function.string');
  });

  it("uses an rx-lambda error's own Lambda error type", () => {
    assert.equal(lambdaErrorTypeHeader(new ResponseSizeTooLargeError(7_000_000, 6_291_556)), 'Function.ResponseSizeTooLarge');
    assert.equal(
      lambdaErrorTypeHeader(new HandlerLoadError('no module', 'Runtime.ImportModuleError')),
      'Runtime.ImportModuleError',
    );
  });

  it('never lets CR/LF or other characters into the header value', () => {
    const error = new Error('x');
    error.name = 'Bad\r\nX-Injected: 1';
    assert.equal(lambdaErrorTypeHeader(error), 'Function.BadXInjected1');
  });
});

describe('encodeErrorTrailer / decodeErrorTrailer', () => {
  it('is base64 of the JSON error body, and round-trips', () => {
    const body = { errorType: 'Error', errorMessage: 'late failure', stackTrace: ['at x'] };
    const trailer = encodeErrorTrailer(body);
    assert.equal(trailer, Buffer.from('{"errorType":"Error","errorMessage":"late failure","stackTrace":["at x"]}').toString('base64'));
    assert.deepEqual(decodeErrorTrailer(trailer), body);
  });

  it('gives undefined for a trailer that is not base64 JSON', () => {
    assert.equal(decodeErrorTrailer('%%%'), undefined);
    assert.equal(decodeErrorTrailer(Buffer.from('"text"').toString('base64')), undefined);
  });
});

describe('decodeLambdaErrorBody', () => {
  it('reads each field of Lambda error JSON that has the right type', () => {
    const text = JSON.stringify({ errorType: 'TypeError', errorMessage: 'bad', stackTrace: ['at a', 7], extra: true });
    assert.deepEqual(decodeLambdaErrorBody(text), {
      json: JSON.parse(text),
      errorType: 'TypeError',
      errorMessage: 'bad',
      stackTrace: ['at a', '7'],
    });
    assert.deepEqual(decodeLambdaErrorBody('{"errorType":3,"errorMessage":null}'), { json: { errorType: 3, errorMessage: null } });
  });

  it('gives only the JSON for another shape, and undefined for text that is not JSON', () => {
    assert.deepEqual(decodeLambdaErrorBody('["errorType"]'), { json: ['errorType'] });
    assert.deepEqual(decodeLambdaErrorBody('"boom"'), { json: 'boom' });
    assert.equal(decodeLambdaErrorBody('Internal error'), undefined);
    assert.equal(decodeLambdaErrorBody(''), undefined);
  });
});
