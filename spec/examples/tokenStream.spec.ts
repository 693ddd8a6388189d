import assert from 'node:assert/strict';
import { lastValueFrom, toArray } from 'rxjs';
import { invokeStream, text } from 'rx-lambda/client';
import { withExamples } from './startExamples.js';

describe('examples/tokenStream', () => {
  const examples = withExamples(['token-stream']);

  it('streams the answer in many chunks whose text joins to the whole answer', async () => {
    const events = await lastValueFrom(
      invokeStream({ ...examples().target, functionName: 'token-stream', payload: { prompt: 'why?', intervalMs: 60 } }).pipe(toArray()),
    );
    const chunks = events.filter((event) => event.type === 'PayloadChunk');
    const answer = await lastValueFrom(invokeStream({ ...examples().target, functionName: 'token-stream', payload: { intervalMs: 0 } }).pipe(text(), toArray()));
    const whole = new TextDecoder().decode(Buffer.concat(chunks.map((chunk) => chunk.payload)));
    assert.ok(chunks.length > 5, `expected the tokens in many chunks, got ${chunks.length}`);
    assert.ok(whole.startsWith('You asked: why?\nStreaming lets a Lambda function'));
    assert.ok(whole.endsWith(answer.join('')));
  });
});
