import assert from 'node:assert/strict';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from 'aws-lambda';
import fc from 'fast-check';
import { DynamoDbNumber, unmarshallImage } from '../../src/sources/unmarshallImage.js';

/** Stream images carry binary as base64; the SDK's `unmarshall` (the reference) takes bytes. */
function toSdkShape(value: AttributeValue): unknown {
  if (typeof value.B === 'string') return { B: Buffer.from(value.B, 'base64') };
  if (Array.isArray(value.BS)) return { BS: value.BS.map((b) => Buffer.from(b, 'base64')) };
  if (Array.isArray(value.L)) return { L: value.L.map(toSdkShape) };
  if (value.M !== undefined) return { M: Object.fromEntries(Object.entries(value.M).map(([k, v]) => [k, toSdkShape(v)])) };
  return value;
}

const number = fc.oneof(fc.integer().map(String), fc.double({ noNaN: true, noDefaultInfinity: true }).map(String), fc.bigInt().map(String));
const base64 = fc.uint8Array({ maxLength: 8 }).map((bytes) => Buffer.from(bytes).toString('base64'));
const attribute: fc.Arbitrary<AttributeValue> = fc.letrec<{ value: AttributeValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string().map((S) => ({ S })),
    number.map((N) => ({ N })),
    base64.map((B) => ({ B })),
    fc.boolean().map((BOOL) => ({ BOOL })),
    fc.constant({ NULL: true }),
    fc.uniqueArray(fc.string(), { minLength: 1, maxLength: 4 }).map((SS) => ({ SS })),
    fc.uniqueArray(fc.integer().map(String), { minLength: 1, maxLength: 4 }).map((NS) => ({ NS })),
    fc.uniqueArray(base64, { minLength: 1, maxLength: 3 }).map((BS) => ({ BS })),
    fc.array(tie('value'), { maxLength: 3 }).map((L) => ({ L })),
    fc.dictionary(fc.string({ minLength: 1, maxLength: 5 }), tie('value'), { maxKeys: 3 }).map((M) => ({ M })),
  ),
})).value;

describe('unmarshallImage', () => {
  it('reads every attribute type of a stream image', () => {
    const image = unmarshallImage({
      s: { S: 'text' }, n: { N: '-4.5' }, big: { N: '123456789012345678901234567890' }, b: { B: 'AAEC' },
      yes: { BOOL: true }, none: { NULL: true }, list: { L: [{ S: 'a' }, { N: '1' }] }, map: { M: { k: { SS: ['x', 'y'] } } },
      ns: { NS: ['1', '2'] }, bs: { BS: ['/w=='] },
    });
    assert.deepEqual(image, {
      s: 'text', n: -4.5, big: 123456789012345678901234567890n, b: Buffer.from([0, 1, 2]), yes: true, none: null,
      list: ['a', 1], map: { k: new Set(['x', 'y']) }, ns: new Set([1, 2]), bs: new Set([Buffer.from([255])]),
    });
  });

  it('keeps a number a JavaScript number cannot hold as its text with wrapNumbers, and refuses it without', () => {
    assert.throws(() => unmarshallImage({ big: { N: '12345678901234567890.5' } }), /big: 12345678901234567890\.5 does not fit a JavaScript number; set wrapNumbers/);
    const wrapped = unmarshallImage({ big: { N: '12345678901234567890.5' } }, { wrapNumbers: true }).big;
    assert.ok(wrapped instanceof DynamoDbNumber);
    assert.equal(String(wrapped), '12345678901234567890.5');
    assert.equal(JSON.stringify({ wrapped }), '{"wrapped":"12345678901234567890.5"}');
    assert.deepEqual(unmarshallImage({ n: { N: '7' } }, { wrapNumbers: (text) => `#${text}` }), { n: '#7' });
  });

  it('refuses values it cannot read, naming the attribute', () => {
    assert.throws(() => unmarshallImage({ a: {} as AttributeValue }), /^Error: a: an attribute value has exactly one type, got none/);
    assert.throws(() => unmarshallImage({ a: { S: 'x', N: '1' } as unknown as AttributeValue }), /a: an attribute value has exactly one type, got S, N/);
    assert.throws(() => unmarshallImage({ a: { L: [{ Q: 1 } as unknown as AttributeValue] } }), /a\[0\]: unknown attribute type Q/);
    assert.throws(() => unmarshallImage({ n: { N: 'twelve' } }), /n: "twelve" is not a number/);
  });

  it('agrees with @aws-sdk/util-dynamodb on any image that fits JavaScript numbers', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), attribute, { maxKeys: 5 }), (image) => {
        let expected: unknown;
        try {
          expected = unmarshall(Object.fromEntries(Object.entries(image).map(([k, v]) => [k, toSdkShape(v)])) as Parameters<typeof unmarshall>[0]);
        } catch {
          assert.throws(() => unmarshallImage(image));
          return;
        }
        assert.deepEqual(unmarshallImage(image), expected);
      }),
      { numRuns: 300 },
    );
  });
});
