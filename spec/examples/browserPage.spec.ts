import assert from 'node:assert/strict';
import { lastValueFrom, toArray } from 'rxjs';
import { invokeFunctionUrl, lines, text } from 'rx-lambda/client';
import { withExamples } from './startExamples.js';

describe('examples/browserPage', () => {
  const examples = withExamples(['browser-page']);
  const url = (path: string) => `${examples().emulator.url}/lambda-url/browser-page${path}`;

  it('serves a page that reads the stream with fetch and a ReadableStream reader', async () => {
    const page = (await lastValueFrom(invokeFunctionUrl(url('/')).pipe(text(), toArray()))).join('');
    assert.match(page, /fetch\(base \+ 'stream'/);
    assert.match(page, /getReader\(\)/);
  });

  it('streams its parts one per line', async function () {
    this.timeout(30_000);
    const parts = await lastValueFrom(invokeFunctionUrl(url('/stream')).pipe(lines(), toArray()));
    assert.deepEqual(parts, [1, 2, 3, 4, 5, 6].map((n) => `part ${n} of 6: ${n === 1 ? 'sent at once' : 'sent later'}`));
  });
});
