import assert from 'node:assert/strict';
import { lastValueFrom, toArray } from 'rxjs';
import { invokeFunctionUrl, sse, text, type HttpResponseEvent } from 'rx-lambda/client';
import { withExamples } from './startExamples.js';

describe('examples/sseEvents', () => {
  const examples = withExamples(['sse-events']);
  const url = (path: string) => `${examples().emulator.url}/lambda-url/sse-events${path}`;

  it('sends a text/event-stream of progress events, then done', async () => {
    const [head] = await lastValueFrom(invokeFunctionUrl(url('/events')).pipe(toArray()));
    assert.equal((head as Extract<HttpResponseEvent, { type: 'Head' }>).headers['content-type'], 'text/event-stream');
    const events = await lastValueFrom(invokeFunctionUrl(url('/events')).pipe(sse(), toArray()));
    assert.deepEqual(
      events.map((e) => [e.event, e.id]),
      [['progress', '1'], ['progress', '2'], ['progress', '3'], ['progress', '4'], ['progress', '5'], ['done', '5']],
    );
    assert.deepEqual(JSON.parse(events[0]!.data), { step: 1, of: 5, label: 'processed batch 1' });
    assert.equal(events[5]!.data, 'all steps finished');
  });

  it('serves a page whose EventSource listens to the stream', async () => {
    const page = (await lastValueFrom(invokeFunctionUrl(url('/')).pipe(text(), toArray()))).join('');
    assert.match(page, /new EventSource\(base \+ 'events'\)/);
    assert.match(page, /addEventListener\('progress'/);
  });
});
