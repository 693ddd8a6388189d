import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { concat, concatMap, from, lastValueFrom, of, timer, toArray, map, type Observable } from 'rxjs';
import { compress } from '../../src/compress/compress.js';
import { head, isHead, type HeadEmission } from '../../src/head.js';
import { FLOW_CONTROL } from '../../src/sink/flowControl.js';
import { pull } from '../../src/sink/pull.js';
import type { Handler } from '../../src/handler.js';
import { loadEvent } from '../sources/loadEvent.js';
import { testContext } from '../sources/testContext.js';

const RECORDS = Array.from({ length: 50 }, (_, i) => `${JSON.stringify({ i, text: 'the same words again and again '.repeat(3) })}\n`);

function urlEvent(acceptEncoding?: string, method = 'GET'): Record<string, unknown> {
  const event = loadEvent('function-url') as Record<string, unknown> & { headers: Record<string, string>; requestContext: { http: { method: string } } };
  if (acceptEncoding === undefined) delete event.headers['accept-encoding'];
  else event.headers['accept-encoding'] = acceptEncoding;
  event.requestContext.http.method = method;
  return event;
}

const ndjsonHandler = (type = 'application/x-ndjson', extra: Record<string, string> = {}): Handler =>
  () => concat(of(head({ statusCode: 200, headers: { 'content-type': type, 'content-length': '999', ...extra } })), from(RECORDS));

async function run(handler: Handler, event: unknown): Promise<{ head: HeadEmission; chunks: Uint8Array[] }> {
  const values = await lastValueFrom(from(handler(event, testContext()) as Observable<unknown>).pipe(toArray()));
  assert.ok(isHead(values[0]), 'the head comes first');
  return { head: values[0] as HeadEmission, chunks: values.slice(1) as Uint8Array[] };
}

/** A streaming decompressor fed chunk by chunk: returns what each chunk decodes to, on its own arrival. */
async function decodeEach(coding: string, chunks: Uint8Array[]): Promise<string[]> {
  const stream =
    coding === 'gzip' ? zlib.createGunzip() : coding === 'br' ? zlib.createBrotliDecompress() : (zlib as unknown as { createZstdDecompress(): zlib.Gunzip }).createZstdDecompress();
  const decoded: string[] = [];
  let pending = '';
  stream.on('data', (data: Buffer) => (pending += data.toString('utf8')));
  for (const chunk of chunks) {
    await new Promise<void>((resolve) => stream.write(chunk, () => resolve()));
    await new Promise((resolve) => setImmediate(resolve));
    decoded.push(pending);
    pending = '';
  }
  stream.end();
  return decoded;
}

describe('compress', () => {
  for (const coding of ['gzip', 'br', 'zstd']) {
    it(`compresses an NDJSON stream with ${coding}, each chunk decodable on arrival`, async () => {
      const { head: h, chunks } = await run(compress(ndjsonHandler()), urlEvent(coding));
      assert.equal(h.headers?.['content-encoding'], coding);
      assert.equal(h.headers?.vary, 'Accept-Encoding');
      assert.equal(h.headers?.['content-length'], undefined, 'the length of the plain body is gone');
      const decoded = await decodeEach(coding, chunks);
      assert.equal(decoded[0], RECORDS[0], 'the first chunk decodes to the first record by itself');
      assert.equal(decoded.join(''), RECORDS.join(''));
      const sent = chunks.reduce((n, c) => n + c.byteLength, 0);
      assert.ok(sent < RECORDS.join('').length / 2, `expected well under half the bytes, got ${sent}`);
    });
  }

  it('follows the caller’s weights, and the server’s order among equal ones', async () => {
    assert.equal((await run(compress(ndjsonHandler()), urlEvent('gzip, br;q=0.5'))).head.headers?.['content-encoding'], 'gzip');
    assert.equal((await run(compress(ndjsonHandler()), urlEvent('gzip, deflate, br'))).head.headers?.['content-encoding'], 'br');
    assert.equal((await run(compress(ndjsonHandler(), { encodings: ['gzip'] }), urlEvent('br, zstd'))).head.headers?.['content-encoding'], undefined);
    assert.equal((await run(compress(ndjsonHandler()), urlEvent('*'))).head.headers?.['content-encoding'], 'zstd');
    assert.equal((await run(compress(ndjsonHandler()), urlEvent('gzip;q=0, identity'))).head.headers?.['content-encoding'], undefined);
  });

  it('leaves a body without an accepted coding as it is, but says it varies by Accept-Encoding', async () => {
    const { head: h, chunks } = await run(compress(ndjsonHandler()), urlEvent(undefined));
    assert.equal(h.headers?.['content-encoding'], undefined);
    assert.equal(h.headers?.vary, 'Accept-Encoding');
    assert.equal(chunks.join(''), RECORDS.join(''));
  });

  it('leaves already-encoded bodies, images and no-transform responses untouched', async () => {
    for (const handler of [
      ndjsonHandler('application/x-ndjson', { 'content-encoding': 'gzip' }),
      ndjsonHandler('image/png'),
      ndjsonHandler('text/plain', { 'cache-control': 'no-transform' }),
    ]) {
      const { head: h, chunks } = await run(compress(handler), urlEvent('gzip'));
      const original = await run(handler, urlEvent('gzip'));
      assert.deepEqual(h, original.head);
      assert.equal(chunks.join(''), RECORDS.join(''));
    }
  });

  it('leaves HEAD requests, non-HTTP events and JSON results untouched', async () => {
    const { head: h } = await run(compress(ndjsonHandler()), urlEvent('gzip', 'HEAD'));
    assert.equal(h.headers?.['content-encoding'], undefined);
    const json = compress(() => of({ ok: true }));
    assert.deepEqual(await lastValueFrom(from(json(urlEvent('gzip'), testContext()) as Observable<unknown>)), { ok: true });
    assert.deepEqual(await lastValueFrom(from(json(loadEvent('sqs'), testContext()) as Observable<unknown>)), { ok: true });
  });

  it('keeps the order of chunks that arrive while earlier ones are still being compressed', async () => {
    const handler: Handler = () =>
      concat(of(head({ statusCode: 200, headers: { 'content-type': 'text/plain' } })), timer(0).pipe(concatMap(() => from(RECORDS))));
    const { chunks } = await run(compress(handler), urlEvent('br'));
    assert.equal((await decodeEach('br', chunks)).join(''), RECORDS.join(''));
  });

  it('makes a pull source upstream wait for the compressor as well as the sink', async () => {
    let read = 0;
    let inFlight = 0;
    let maxInFlight = 0;
    const handler: Handler = () =>
      concat(
        of(head({ statusCode: 200, headers: { 'content-type': 'text/plain' } })),
        pull(async function* () {
          for (const record of RECORDS) {
            read++;
            inFlight++;
            maxInFlight = Math.max(maxInFlight, inFlight);
            yield record;
          }
        }),
      );
    const sinkReady = { ready: () => undefined };
    const chunks = await new Promise<unknown[]>((resolve, reject) => {
      const seen: unknown[] = [];
      FLOW_CONTROL.run(sinkReady, () =>
        from(compress(handler)(urlEvent('gzip'), testContext()) as Observable<unknown>)
          .pipe(map((v) => ((inFlight = Math.max(0, inFlight - 1)), v)))
          .subscribe({ next: (v) => seen.push(v), error: reject, complete: () => resolve(seen) }),
      );
    });
    assert.equal(read, RECORDS.length);
    assert.ok(maxInFlight <= 2, `the source ran ahead of the compressor by ${maxInFlight} chunks`);
    assert.ok(chunks.length > 1);
  });
});
