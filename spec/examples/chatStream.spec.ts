import assert from 'node:assert/strict';
import { DefaultChatTransport, readUIMessageStream, type UIMessage, type UIMessageChunk } from 'ai';
import { answerTo } from '../../examples/chatStream.js';
import { withExamples } from './startExamples.js';
import { withDeadline } from '../../test-support/withDeadline.js';

/** Milliseconds between the stand-in model's tokens in these tests. */
const TOKEN_INTERVAL_MS = 40;

describe('examples/chatStream', () => {
  const examples = withExamples(['chat-stream']);
  const api = (query = '') => `${examples().emulator.url}/lambda-url/chat-stream/api/chat${query}`;
  const ask = (transport: DefaultChatTransport<UIMessage>, text: string) =>
    transport.sendMessages({
      chatId: 'spec',
      trigger: 'submit-message',
      messageId: undefined,
      abortSignal: undefined,
      messages: [{ id: 'u1', role: 'user', parts: [{ type: 'text', text }] }],
    });

  it('answers the AI SDK client token by token: text deltas arrive well before the finish', async () => {
    const transport = new DefaultChatTransport({ api: api(`?intervalMs=${TOKEN_INTERVAL_MS}`) });
    const stream = await withDeadline(ask(transport, 'why stream?'), 'the response head');
    const reader = stream.getReader();
    const arrivals: { chunk: UIMessageChunk; at: number }[] = [];
    for (;;) {
      const next = await withDeadline(reader.read(), 'the next UI message chunk');
      if (next.done) break;
      arrivals.push({ chunk: next.value, at: performance.now() });
    }
    const firstDelta = arrivals.find((a) => a.chunk.type === 'text-delta');
    const finish = arrivals.find((a) => a.chunk.type === 'finish');
    assert.ok(firstDelta && finish, 'a text delta and a finish arrive');
    const deltas = arrivals.filter((a) => a.chunk.type === 'text-delta').length;
    assert.ok(deltas > 10, `expected many text deltas, got ${deltas}`);
    assert.ok(finish.at - firstDelta.at > TOKEN_INTERVAL_MS * 5, 'the first token arrived while the model was still generating');
    assert.deepEqual(finish.chunk, { type: 'finish', finishReason: 'stop' });
  });

  it('gives the AI SDK message reader the whole answer as one text part', async () => {
    const transport = new DefaultChatTransport({ api: api('?intervalMs=0') });
    let message: UIMessage | undefined;
    for await (const state of readUIMessageStream({ stream: await withDeadline(ask(transport, 'hello'), 'the response head'), terminateOnError: true })) {
      message = state;
    }
    const text = message?.parts.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('');
    assert.equal(text, answerTo('hello'));
  });
});
