import assert from 'node:assert/strict';
import { from, lastValueFrom, toArray } from 'rxjs';
import { ndjson } from '../../src/sink/ndjson.js';

describe('ndjson', () => {
  it('turns each value into one JSON line', async () => {
    const lines = await lastValueFrom(from([{ a: 1 }, 'x', null]).pipe(ndjson(), toArray()));
    assert.deepEqual(lines, ['{"a":1}\n', '"x"\n', 'null\n']);
  });

  it('writes undefined as null so every line stays valid JSON', async () => {
    const lines = await lastValueFrom(from([undefined]).pipe(ndjson(), toArray()));
    assert.deepEqual(lines, ['null\n']);
  });
});
