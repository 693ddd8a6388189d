import assert from 'node:assert/strict';
import { lastValueFrom, of, toArray } from 'rxjs';
import { InvalidEmissionError } from '../../src/errors.js';
import { isHead, type HeadEmission } from '../../src/head.js';
import { FLOW_CONTROL } from '../../src/sink/flowControl.js';
import { fromWebResponse, isWebResponse } from '../../src/sink/fromWebResponse.js';
import { toResponseSource } from '../../src/sink/toResponseSource.js';

const text = (chunks: unknown[]): string => chunks.filter((c): c is Uint8Array => c instanceof Uint8Array).map((c) => Buffer.from(c).toString()).join('');

/** Resolves when `check()` holds, or rejects after `ms` saying what it waited for. */
async function until(check: () => boolean, what: string, ms = 2_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('fromWebResponse', () => {
  it('emits the status, headers and every Set-Cookie as the head, then the body bytes', async () => {
    const headers = new Headers({ 'content-type': 'text/plain', 'x-a': '1' });
    headers.append('set-cookie', 'a=1; Path=/');
    headers.append('set-cookie', 'b=2; HttpOnly');
    const values = await lastValueFrom(fromWebResponse(new Response('hello', { status: 201, headers })).pipe(toArray()));
    const first = values[0] as HeadEmission;
    assert.ok(isHead(first));
    assert.equal(first.statusCode, 201);
    assert.deepEqual(first.headers, { 'content-type': 'text/plain', 'x-a': '1' });
    assert.deepEqual(first.cookies, ['a=1; Path=/', 'b=2; HttpOnly']);
    assert.equal(text(values.slice(1)), 'hello');
  });

  it('emits only the head for a redirect without a body, and completes', async () => {
    const values = await lastValueFrom(fromWebResponse(Response.redirect('https://example.com/next', 302)).pipe(toArray()));
    assert.equal(values.length, 1);
    assert.equal((values[0] as HeadEmission).statusCode, 302);
    assert.equal((values[0] as HeadEmission).headers?.location, 'https://example.com/next');
  });

  it('reads the body only as fast as the sink says it is ready', async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new TextEncoder().encode(`chunk ${pulled}\n`));
        if (pulled === 5) controller.close();
      },
    }, { highWaterMark: 0 });
    const gates: (() => void)[] = [];
    const seen: unknown[] = [];
    let done = false;
    FLOW_CONTROL.run({ ready: () => new Promise<void>((resolve) => gates.push(resolve)) }, () =>
      fromWebResponse(new Response(body)).subscribe({ next: (v) => seen.push(v), complete: () => (done = true) }),
    );
    await until(() => gates.length === 1, 'the first body chunk to wait on the sink');
    assert.equal(pulled, 1, 'one chunk read while the sink is not ready');
    while (!done) {
      await until(() => gates.length > 0 || done, 'the next body chunk or the end');
      gates.shift()?.();
    }
    assert.equal(text(seen), 'chunk 1\nchunk 2\nchunk 3\nchunk 4\nchunk 5\n');
  });

  it('cancels the body when unsubscribed', async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({ pull: (c) => c.enqueue(new Uint8Array(8)), cancel: () => void (cancelled = true) });
    let chunks = 0;
    const subscription = fromWebResponse(new Response(body)).subscribe(() => {
      if (++chunks === 3) subscription.unsubscribe();
    });
    await until(() => cancelled, 'the body to be cancelled');
  });

  it('recognises a Response by its tag and shape, not a plain object', () => {
    assert.equal(isWebResponse(new Response('x')), true);
    assert.equal(isWebResponse({ status: 200, headers: new Headers() }), false);
  });
});

describe('toResponseSource with a web Response', () => {
  it('expands a returned Response, a Promise of one and an emitted one into head and body', async () => {
    for (const input of [new Response('a'), Promise.resolve(new Response('a')), of(new Response('a'))]) {
      const values = await lastValueFrom(toResponseSource(input).pipe(toArray()));
      assert.ok(isHead(values[0]), 'the head comes first');
      assert.equal(text(values.slice(1)), 'a');
    }
  });

  it('completes only after the body of an emitted Response has been read', async () => {
    const slowBody = new ReadableStream<Uint8Array>({
      async pull(controller) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        controller.enqueue(new TextEncoder().encode('late'));
        controller.close();
      },
    });
    const values = await lastValueFrom(toResponseSource(of(new Response(slowBody))).pipe(toArray()));
    assert.equal(text(values.slice(1)), 'late');
  });

  it('errors with InvalidEmissionError when a value follows a Response', async () => {
    const body = new ReadableStream<Uint8Array>({ pull: () => new Promise(() => undefined) });
    await assert.rejects(lastValueFrom(toResponseSource(of(new Response(body), 'more'))), InvalidEmissionError);
  });

  it('passes every other value through unchanged', async () => {
    const bytes = new Uint8Array([1, 2]);
    assert.deepEqual(await lastValueFrom(toResponseSource(of('a', bytes, { ok: true })).pipe(toArray())), ['a', bytes, { ok: true }]);
  });
});
