import assert from 'node:assert/strict';
import { DefaultChatTransport, readUIMessageStream, type UIMessage, type UIMessageChunk } from 'ai';
import { concat, from, lastValueFrom, Observable, throwError, toArray } from 'rxjs';
import { fromConverseStream } from '../../src/ai/fromConverseStream.js';
import type { UiStreamPart } from '../../src/ai/UiStreamPart.js';
import { uiMessageStream } from '../../src/ai/uiMessageStream.js';
import { ModelStreamError } from '../../src/errors.js';
import { isHead, type HeadEmission } from '../../src/head.js';
import { TOOL_CALL_EVENTS, textEvents } from '../fixtures/ai/converseStreamEvents.js';

/** The operator's output as the HTTP response a browser would get. */
async function asResponse(parts: Observable<UiStreamPart>): Promise<Response> {
  const values = await lastValueFrom(parts.pipe(uiMessageStream({ messageId: 'msg-1' }), toArray()));
  const first = values[0] as HeadEmission;
  assert.ok(isHead(first), 'the head comes first');
  return new Response(values.slice(1).join(''), { status: first.statusCode, headers: first.headers });
}

/** Every value of a web stream. */
async function collect<T>(stream: ReadableStream<T>): Promise<T[]> {
  const reader = stream.getReader();
  const values: T[] = [];
  for (let next = await reader.read(); !next.done; next = await reader.read()) values.push(next.value);
  return values;
}

/** Reads a response with the AI SDK's own client: its chat transport's parser, then its message reader. */
async function readWithAiSdk(response: Response): Promise<{ chunks: UIMessageChunk[]; message: UIMessage | undefined }> {
  const transport = new DefaultChatTransport({ api: 'http://chat.invalid/api/chat', fetch: async () => response });
  const stream = await transport.sendMessages({ chatId: 'chat-1', messages: [], trigger: 'submit-message', messageId: undefined, abortSignal: undefined });
  const [forChunks, forMessage] = stream.tee();
  const chunks: UIMessageChunk[] = [];
  const collecting = collect(forChunks).then((all) => chunks.push(...all));
  let message: UIMessage | undefined;
  for await (const state of readUIMessageStream({ stream: forMessage, terminateOnError: true })) message = state;
  await collecting;
  return { chunks, message };
}

/** The text parts of a message: their text and state. */
function texts(message: UIMessage | undefined): { text: string; state: string | undefined }[] {
  return (message?.parts ?? []).flatMap((p) => (p.type === 'text' ? [{ text: p.text, state: p.state }] : []));
}

describe('uiMessageStream', () => {
  it('turns text deltas into a UI message stream the AI SDK client reads as one text part', async () => {
    const response = await asResponse(from(['Hello', ', ', 'world']));
    assert.equal(response.headers.get('x-vercel-ai-ui-message-stream'), 'v1');
    assert.equal(response.headers.get('content-type'), 'text/event-stream');
    const { chunks, message } = await readWithAiSdk(response);
    assert.deepEqual(
      chunks.map((c) => c.type),
      ['start', 'start-step', 'text-start', 'text-delta', 'text-delta', 'text-delta', 'text-end', 'finish-step', 'finish'],
    );
    assert.equal(message?.id, 'msg-1');
    assert.deepEqual(texts(message), [{ text: 'Hello, world', state: 'done' }]);
  });

  it('carries reasoning, a tool call with its streamed input and result, and the finish reason', async () => {
    const parts: UiStreamPart[] = [
      { type: 'reasoning', delta: 'thinking' },
      'Looking it up. ',
      { type: 'tool-input-start', toolCallId: 't1', toolName: 'weather' },
      { type: 'tool-input-delta', toolCallId: 't1', delta: '{"city":"Lisbon"}' },
      { type: 'tool-call', toolCallId: 't1', toolName: 'weather', input: { city: 'Lisbon' } },
      { type: 'tool-result', toolCallId: 't1', output: { celsius: 21 } },
      'It is 21 °C.',
      { type: 'finish', finishReason: 'stop' },
    ];
    const { chunks, message } = await readWithAiSdk(await asResponse(from(parts)));
    assert.deepEqual(chunks.at(-1), { type: 'finish', finishReason: 'stop' });
    const types = message?.parts.map((p) => p.type);
    assert.deepEqual(types, ['step-start', 'reasoning', 'text', 'tool-weather', 'text']);
    const tool = message?.parts[3] as { state: string; input: unknown; output: unknown; toolCallId: string };
    assert.deepEqual({ state: tool.state, input: tool.input, output: tool.output, id: tool.toolCallId }, {
      state: 'output-available',
      input: { city: 'Lisbon' },
      output: { celsius: 21 },
      id: 't1',
    });
    assert.equal((message?.parts[4] as { text: string }).text, 'It is 21 °C.');
  });

  it('ends with an error chunk the client sees, masked unless onError says otherwise', async () => {
    const failing = concat(from(['partial ']), throwError(() => new Error('secret database password')));
    const masked = await lastValueFrom(failing.pipe(uiMessageStream({ head: false }), toArray()));
    assert.ok(masked.every((v) => typeof v === 'string'), 'no head with head: false');
    assert.match(masked.join(''), /data: \{"type":"error","errorText":"An error occurred\."\}\n\n/);
    assert.doesNotMatch(masked.join(''), /secret/);
    const values = await lastValueFrom(failing.pipe(uiMessageStream({ onError: (e) => (e as Error).message }), toArray()));
    const response = new Response(values.slice(1).join(''), { headers: (values[0] as HeadEmission).headers });
    const transport = new DefaultChatTransport({ api: 'http://chat.invalid/api/chat', fetch: async () => response });
    const chunks = await collect(await transport.sendMessages({ chatId: 'c', messages: [], trigger: 'submit-message', messageId: undefined, abortSignal: undefined }));
    assert.deepEqual(chunks.at(-1), { type: 'error', errorText: 'secret database password' });
    assert.match(values.at(-1) as string, /^data: \[DONE\]\n\n$/);
  });
});

describe('fromConverseStream', () => {
  it('turns Bedrock ConverseStream events into parts the AI SDK client reads as text, reasoning and a tool call', async () => {
    async function* stream() {
      yield* TOOL_CALL_EVENTS;
    }
    const { chunks, message } = await readWithAiSdk(await asResponse(fromConverseStream({ stream: stream() })));
    assert.deepEqual(chunks.at(-1), { type: 'finish', finishReason: 'tool-calls' });
    assert.deepEqual(message?.parts.map((p) => p.type), ['step-start', 'reasoning', 'text', 'tool-weather']);
    const tool = message?.parts[3] as { state: string; input: unknown; toolCallId: string };
    assert.deepEqual({ state: tool.state, input: tool.input, id: tool.toolCallId }, { state: 'input-available', input: { city: 'Lisbon' }, id: 'tooluse_1' });
    assert.ok(chunks.some((c) => c.type === 'tool-input-delta'), 'the tool input streams before it is complete');
  });

  it('reads a plain answer from an async iterable of events', async () => {
    async function* stream() {
      yield* textEvents('The quick brown fox.');
    }
    const { message } = await readWithAiSdk(await asResponse(fromConverseStream(stream())));
    assert.deepEqual(texts(message), [{ text: 'The quick brown fox.', state: 'done' }]);
  });

  it('errors with ModelStreamError on an exception event', async () => {
    async function* stream() {
      yield* textEvents('Hi').slice(0, 2);
      yield { throttlingException: { name: 'ThrottlingException', $fault: 'client', message: 'Too many tokens' } } as never;
    }
    await assert.rejects(lastValueFrom(fromConverseStream(stream()).pipe(toArray())), (error: unknown) => {
      assert.ok(error instanceof ModelStreamError);
      assert.equal(error.exception, 'throttlingException');
      assert.match(error.message, /Too many tokens/);
      return true;
    });
  });
});
