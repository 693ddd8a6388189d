// A token-streaming chat function that a page reads with the Vercel AI SDK's own client.
// POST /api/chat takes the AI SDK's chat request, runs the "model" (a Bedrock
// ConverseStream; here events of that shape paced like a model, so the example needs no
// AWS account), and answers in the AI SDK's UI message stream protocol with
// fromConverseStream() + uiMessageStream(). GET / serves a page whose script (bundled
// from the `ai` package with esbuild on first request) sends the prompt with
// DefaultChatTransport and renders the answer with readUIMessageStream as it streams.
//
// With Bedrock, the model call is:
//   defer(() => new BedrockRuntimeClient({}).send(new ConverseStreamCommand({ modelId, messages })))
//     .pipe(switchMap(fromConverseStream), uiMessageStream())
import type { ConverseStreamOutput } from '@aws-sdk/client-bedrock-runtime';
import { build } from 'esbuild';
import { concat, defer, from, of } from 'rxjs';
import { fromConverseStream, head, uiMessageStream } from 'rx-lambda';
import { httpRequest, route } from 'rx-lambda/sources';

/** Milliseconds between tokens by default: a fast model's pace. `?intervalMs=` changes it. */
const DEFAULT_TOKEN_INTERVAL_MS = 60;

/** The answer the stand-in model gives to `prompt`. */
export function answerTo(prompt: string): string {
  return `You asked: "${prompt}". A Lambda function can stream its answer token by token, and the AI SDK's client renders each token as it arrives.`;
}

/** ConverseStream events for `text`, one text delta per word, `pauseMs` apart: what Bedrock sends. */
async function* modelStream(text: string, pauseMs: number): AsyncGenerator<ConverseStreamOutput> {
  yield { messageStart: { role: 'assistant' } };
  for (const [i, token] of (text.match(/\S+\s*/g) ?? []).entries()) {
    if (i > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    yield { contentBlockDelta: { contentBlockIndex: 0, delta: { text: token } } };
  }
  yield { contentBlockStop: { contentBlockIndex: 0 } };
  yield { messageStop: { stopReason: 'end_turn' } };
  yield { metadata: { usage: { inputTokens: 10, outputTokens: 30, totalTokens: 40 }, metrics: { latencyMs: pauseMs * 30 } } };
}

/** The text of the last user message of an AI SDK chat request. */
function lastUserText(body: { messages?: { role?: string; parts?: { type?: string; text?: string }[] }[] }): string {
  const user = (body.messages ?? []).filter((message) => message.role === 'user').at(-1);
  return (user?.parts ?? []).flatMap((part) => (part.type === 'text' && part.text ? [part.text] : [])).join(' ');
}

const CLIENT = `
import { DefaultChatTransport, readUIMessageStream } from 'ai';
const form = document.getElementById('ask');
const answer = document.getElementById('answer');
const status = document.getElementById('status');
const base = location.pathname.endsWith('/') ? location.pathname : location.pathname + '/';
const transport = new DefaultChatTransport({ api: base + 'api/chat' + location.search });
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const text = new FormData(form).get('prompt');
  status.dataset.state = 'streaming';
  status.textContent = 'streaming…';
  answer.textContent = '';
  const stream = await transport.sendMessages({
    chatId: 'page', trigger: 'submit-message', messageId: undefined, abortSignal: undefined,
    messages: [{ id: 'user-1', role: 'user', parts: [{ type: 'text', text }] }],
  });
  for await (const message of readUIMessageStream({ stream })) {
    answer.textContent = message.parts.filter((part) => part.type === 'text').map((part) => part.text).join('');
  }
  status.dataset.state = 'done';
  status.textContent = 'done';
});
status.dataset.state = 'ready';
`;

const PAGE = `<!doctype html>
<meta charset="utf-8">
<title>rx-lambda: a token stream in the AI SDK's client</title>
<style>body{font:16px system-ui;margin:2em;max-width:40em} #answer{white-space:pre-wrap;margin-top:1em}</style>
<h1>Chat with a streaming Lambda function</h1>
<form id="ask"><input name="prompt" value="What is response streaming?" size="40"> <button>Ask</button></form>
<p id="status" data-state="loading">loading the AI SDK client…</p>
<div id="answer"></div>
<script type="module" src="client.js"></script>`;

/** The page's script with the `ai` package bundled in, built once per environment. */
const clientBundle = (() => {
  let bundle: Promise<string> | undefined;
  return () =>
    (bundle ??= build({
      stdin: { contents: CLIENT, resolveDir: import.meta.dirname, loader: 'js' },
      bundle: true,
      format: 'esm',
      platform: 'browser',
      minify: true,
      write: false,
      logLevel: 'silent',
    }).then((result) => result.outputFiles[0]!.text));
})();

export const handler = route({
  http: (event) => {
    const request = httpRequest(event);
    if (request.method === 'POST' && request.path.endsWith('/api/chat')) {
      const pause = Number(request.query.intervalMs ?? DEFAULT_TOKEN_INTERVAL_MS);
      return fromConverseStream(modelStream(answerTo(lastUserText(request.json())), pause)).pipe(uiMessageStream());
    }
    if (request.method === 'GET' && request.path.endsWith('/client.js')) {
      return concat(of(head({ statusCode: 200, headers: { 'content-type': 'text/javascript; charset=utf-8' } })), defer(() => from(clientBundle())));
    }
    if (request.method === 'GET') return of(head({ statusCode: 200, headers: { 'content-type': 'text/html; charset=utf-8' } }), PAGE);
    return of(head({ statusCode: 405, headers: { 'content-type': 'text/plain' } }), `no route for ${request.method} ${request.path}\n`);
  },
});
