import assert from 'node:assert/strict';
import { get, type IncomingMessage } from 'node:http';
import zlib from 'node:zlib';
import { lastValueFrom } from 'rxjs';
import { invoke } from 'rx-lambda/client';
import { reading } from '../../examples/compressedFeed.js';
import type { ProxyResult } from '../../src/sink/toProxyResult.js';
import { loadEvent } from '../sources/loadEvent.js';
import { withExamples } from './startExamples.js';
import { withDeadline } from '../../test-support/withDeadline.js';


const lines = (count: number): string => Array.from({ length: count }, (_, i) => `${JSON.stringify(reading(i))}\n`).join('');

function decoder(coding: string): zlib.Gunzip {
  if (coding === 'gzip') return zlib.createGunzip();
  if (coding === 'br') return zlib.createBrotliDecompress();
  return (zlib as unknown as { createZstdDecompress(): zlib.Gunzip }).createZstdDecompress();
}

/** A GET that hands back the response undecoded (node:http does not decompress). */
function rawGet(url: string, acceptEncoding: string): Promise<IncomingMessage> {
  return withDeadline(
    new Promise<IncomingMessage>((resolve, reject) => get(url, { headers: { 'accept-encoding': acceptEncoding } }, resolve).on('error', reject)),
    'the response head',
  );
}

async function readAll(response: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('examples/compressedFeed', () => {
  const examples = withExamples(['compressed-feed', 'compressed-feed-buffered']);
  const url = (name: string, query: string) => `${examples().emulator.url}/lambda-url/${name}/?${query}`;

  for (const coding of ['gzip', 'br', 'zstd']) {
    it(`streams ${coding}: the first chunk decompresses to the first record before the stream ends`, async () => {
      const response = await rawGet(url('compressed-feed', 'count=10&intervalMs=150'), coding);
      assert.equal(response.headers['content-encoding'], coding);
      assert.equal(response.headers.vary, 'Accept-Encoding');
      let ended = false;
      response.on('end', () => (ended = true));
      const inflate = decoder(coding);
      let text = '';
      const firstRecord = new Promise<void>((resolve) =>
        inflate.on('data', (data: Buffer) => {
          text += data.toString('utf8');
          if (text.includes('\n')) resolve();
        }),
      );
      response.pipe(inflate);
      await withDeadline(firstRecord, 'the first record to decompress');
      assert.equal(ended, false, 'the stream is still open when the first record is readable');
      assert.equal(text.split('\n')[0], JSON.stringify(reading(0)));
      await withDeadline(new Promise((resolve) => inflate.on('end', resolve)), 'the end of the stream');
      assert.equal(text, lines(10));
    });
  }

  it('sends a buffered response compressed behind a Function URL', async () => {
    const response = await rawGet(url('compressed-feed-buffered', 'count=100&intervalMs=0'), 'br;q=1, gzip;q=0.5');
    assert.equal(response.headers['content-encoding'], 'br');
    const body = await withDeadline(readAll(response), 'the buffered body');
    assert.ok(body.byteLength < lines(100).length / 3, `expected a third of the bytes at most, got ${body.byteLength}`);
    assert.equal(zlib.brotliDecompressSync(body).toString('utf8'), lines(100));
  });

  it('answers an ALB event through Invoke with the compressed body base64-encoded', async () => {
    const event = loadEvent('alb') as Record<string, unknown> & { headers: Record<string, string> };
    event.headers['accept-encoding'] = 'gzip';
    event.queryStringParameters = { count: '30', intervalMs: '0' };
    const result = await lastValueFrom(invoke({ ...examples().target, functionName: 'compressed-feed-buffered', payload: event }));
    const proxy = JSON.parse(new TextDecoder().decode(result.payload)) as ProxyResult;
    assert.equal(proxy.isBase64Encoded, true);
    assert.equal(proxy.headers?.['content-encoding'], 'gzip');
    assert.equal(zlib.gunzipSync(Buffer.from(proxy.body, 'base64')).toString('utf8'), lines(30));
  });
});
