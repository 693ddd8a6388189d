import assert from 'node:assert/strict';
import { from, lastValueFrom, toArray } from 'rxjs';
import { sse } from '../../src/sink/sse.js';

describe('sse', () => {
  it('sends objects as JSON data and strings as they are, one data line per line', async () => {
    const out = await lastValueFrom(from<unknown[]>([{ n: 1 }, 'a\nb']).pipe(sse(), toArray()));
    assert.deepEqual(out, ['data: {"n":1}\n\n', 'data: a\ndata: b\n\n']);
  });

  it('adds event, id and (first message only) retry fields', async () => {
    const out = await lastValueFrom(
      from([1, 2]).pipe(sse({ event: 'tick', id: (n) => `id-${n}`, retry: 3000 }), toArray()),
    );
    assert.deepEqual(out, ['retry: 3000\nevent: tick\nid: id-1\ndata: 1\n\n', 'event: tick\nid: id-2\ndata: 2\n\n']);
  });

  it('rejects a line break in a field, which would inject another field', async () => {
    await assert.rejects(lastValueFrom(from([1]).pipe(sse({ event: 'a\ndata: evil' }))), TypeError);
  });
});
