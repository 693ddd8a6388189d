import assert from 'node:assert/strict';
import { crc32 } from 'node:zlib';
import fc from 'fast-check';
import { crc32Of } from '../../src/wire/crc32Of.js';

describe('crc32Of', () => {
  it('gives the CRC32 check value of "123456789" (0xcbf43926)', () => {
    assert.equal(crc32Of(new TextEncoder().encode('123456789')), 0xcbf43926);
  });

  it('gives the same value as zlib for short and long inputs, whole or continued piece by piece (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 5000, size: 'max' }), fc.nat(), (bytes, at) => {
        const cut = at % (bytes.byteLength + 1);
        assert.equal(crc32Of(bytes), crc32(bytes));
        assert.equal(crc32Of(bytes.subarray(cut), crc32Of(bytes.subarray(0, cut))), crc32(bytes));
      }),
      { numRuns: 500 },
    );
  });
});
