import assert from 'node:assert/strict';
import { encodeHttpPrelude } from '../../src/wire/encodeHttpPrelude.js';
import { InvalidHeaderError, PreludeTooLargeError } from '../../src/errors.js';

describe('encodeHttpPrelude', () => {
  it('writes the JSON prelude followed by exactly 8 NUL bytes', () => {
    const bytes = encodeHttpPrelude({ statusCode: 201, headers: { 'x-a': '1' }, cookies: ['a=b'] });
    const expected = Buffer.concat([Buffer.from('{"statusCode":201,"headers":{"x-a":"1"},"cookies":["a=b"]}'), Buffer.alloc(8)]);
    assert.deepEqual(Buffer.from(bytes), expected);
  });

  it('includes multiValueHeaders for API Gateway REST', () => {
    const bytes = encodeHttpPrelude({ statusCode: 200, multiValueHeaders: { 'x-b': ['1', '2'] } });
    assert.equal(Buffer.from(bytes).subarray(0, -8).toString(), '{"statusCode":200,"multiValueHeaders":{"x-b":["1","2"]}}');
  });

  it('rejects CR, LF or NUL in a header value, and names that are not tokens', () => {
    for (const value of ['a\r\nx-injected: 1', 'a\nb', 'a\0b']) {
      assert.throws(() => encodeHttpPrelude({ statusCode: 200, headers: { 'x-a': value } }), InvalidHeaderError);
    }
    assert.throws(() => encodeHttpPrelude({ statusCode: 200, headers: { 'bad name': 'v' } }), InvalidHeaderError);
    assert.throws(() => encodeHttpPrelude({ statusCode: 200, cookies: ['a=b\r\nc: d'] }), InvalidHeaderError);
    assert.throws(() => encodeHttpPrelude({ statusCode: 200, multiValueHeaders: { 'x-a': ['ok', 'no\n'] } }), InvalidHeaderError);
  });

  it('reports a prelude over 16 KiB', () => {
    assert.throws(
      () => encodeHttpPrelude({ statusCode: 200, headers: { 'x-big': 'v'.repeat(16 * 1024) } }),
      (e: unknown) => e instanceof PreludeTooLargeError && e.limit === 16 * 1024 && e.size > 16 * 1024,
    );
  });
});
