import assert from 'node:assert/strict';
import fc from 'fast-check';
import { HttpPreludeSplitter } from '../../src/wire/HttpPreludeSplitter.js';
import { encodeHttpPrelude } from '../../src/wire/encodeHttpPrelude.js';
import { InvalidHeaderError, PreludeDecodeError, RxLambdaError } from '../../src/errors.js';

function run(chunks: Uint8Array[]) {
  const splitter = new HttpPreludeSplitter();
  const body: Buffer[] = [];
  for (const chunk of chunks) {
    const out = splitter.push(chunk);
    if (out.body) body.push(Buffer.from(out.body));
  }
  return { prelude: splitter.end(), body: Buffer.concat(body) };
}

describe('HttpPreludeSplitter', () => {
  it('splits the prelude from the body in one chunk', () => {
    const bytes = Buffer.concat([encodeHttpPrelude({ statusCode: 404, headers: { a: 'b' } }), Buffer.from('not found')]);
    const { prelude, body } = run([bytes]);
    assert.deepEqual({ ...prelude, headers: { ...prelude.headers } }, { statusCode: 404, headers: { a: 'b' } });
    assert.equal(body.toString(), 'not found');
  });

  it('keeps NUL bytes of the body that follow the delimiter', () => {
    const bytes = Buffer.concat([encodeHttpPrelude({ statusCode: 200 }), Buffer.from([0, 0, 1])]);
    assert.deepEqual([...run([bytes]).body], [0, 0, 1]);
  });

  it('handles an empty body', () => {
    const { prelude, body } = run([encodeHttpPrelude({ statusCode: 204 })]);
    assert.equal(prelude.statusCode, 204);
    assert.equal(body.byteLength, 0);
  });

  it('splits correctly wherever the chunks are cut (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 599 }),
        fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/), fc.string({ maxLength: 20 }).filter((v) => !/[\r\n\0]/.test(v)), { maxKeys: 4 }),
        fc.uint8Array({ maxLength: 100 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        (statusCode, headers, body, cuts) => {
          const bytes = Buffer.concat([encodeHttpPrelude({ statusCode, headers }), body]);
          const points = [...new Set(cuts.map((c) => c % (bytes.byteLength + 1)))].sort((a, b) => a - b);
          const chunks: Uint8Array[] = [];
          let last = 0;
          for (const p of points) {
            chunks.push(bytes.subarray(last, p));
            last = p;
          }
          chunks.push(bytes.subarray(last));
          const out = run(chunks);
          assert.equal(out.prelude.statusCode, statusCode);
          assert.deepEqual({ ...out.prelude.headers }, { ...headers });
          assert.deepEqual([...out.body], [...body]);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('rejects a delimiter of fewer than 8 NULs', () => {
    const bytes = Buffer.concat([Buffer.from('{"statusCode":200}'), Buffer.alloc(3), Buffer.from('body')]);
    assert.throws(() => run([bytes]), PreludeDecodeError);
  });

  it('rejects a stream that does not start with a JSON object', () => {
    assert.throws(() => run([Buffer.from('hello')]), PreludeDecodeError);
  });

  it('rejects a stream that ends before the delimiter', () => {
    assert.throws(() => run([Buffer.from('{"statusCode":200}')]), PreludeDecodeError);
  });

  it('rejects invalid JSON, a bad status code and non-string headers', () => {
    for (const json of ['{"statusCode":', '{"statusCode":"200"}', '{"statusCode":99}', '{"headers":{"a":{}}}', '[1]']) {
      assert.throws(() => run([Buffer.concat([Buffer.from(json), Buffer.alloc(8)])]), PreludeDecodeError, json);
    }
  });

  it('rejects header values that would inject headers', () => {
    const json = JSON.stringify({ statusCode: 200, headers: { a: 'x\r\nset-cookie: stolen' } });
    assert.throws(() => run([Buffer.concat([Buffer.from(json), Buffer.alloc(8)])]), InvalidHeaderError);
  });

  it('does not let __proto__ in headers reach the prototype', () => {
    const json = '{"statusCode":200,"headers":{"__proto__":"x","constructor":"y"}}';
    const { prelude } = run([Buffer.concat([Buffer.from(json), Buffer.alloc(8)])]);
    assert.equal(Object.getPrototypeOf(prelude.headers), null);
    assert.equal(({} as Record<string, unknown>).x, undefined);
  });

  it('rejects a stream with no delimiter in the first 64 KiB', () => {
    const splitter = new HttpPreludeSplitter();
    assert.throws(() => splitter.push(Buffer.from('{' + ' '.repeat(70 * 1024))), PreludeDecodeError);
  });

  it('gives a typed error or a prelude for random bytes (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        try {
          run([bytes]);
        } catch (error) {
          assert.ok(error instanceof RxLambdaError, String(error));
        }
      }),
      { numRuns: 1000 },
    );
  });
});
