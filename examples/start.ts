// npm start: the embedded emulator runs the example functions (examples/functions.json),
// and the rx-lambda client calls three of them:
//   1. token-stream through InvokeWithResponseStream, printing the text as it arrives,
//      with a live status line on stderr (bytes, chunks, time to first byte, and whether
//      the sink answered buffered or streamed);
//   2. buffered-json, a function answering with one buffered JSON result;
//   3. http-response through its Function URL: status, headers, cookies, body.
import { existsSync } from 'node:fs';
import { lastValueFrom, finalize, tap, type Observable } from 'rxjs';
import type { HttpResponseEvent, StreamEvent } from 'rx-lambda/client';
import { EXAMPLES_DIR, exampleFunctions, localTarget } from './exampleFunctions.js';
import { LiveOutput } from './liveOutput.js';

// The examples import rx-lambda from dist/ (npm ci builds it); say so rather than fail to resolve it.
if (!existsSync(new URL('../dist/emulator/index.js', import.meta.url)) || !existsSync(new URL('../dist/runtime/bootstrap.js', import.meta.url))) {
  process.stderr.write('rx-lambda is not built yet: run `npm run build` (npm ci does it), then `npm start`\n');
  process.exit(1);
}
const { invokeFunctionUrl, invokeStream } = await import('rx-lambda/client');
const { startEmulator } = await import('rx-lambda/emulator');

/** How often the status line refreshes while waiting, milliseconds. */
const STATUS_REFRESH_MS = 100;

interface Stats {
  bytes: number;
  chunks: number;
  firstByteMs: number | undefined;
  lastByteMs: number | undefined;
}

function statusLine(name: string, stats: Stats, elapsedMs: number, finished: boolean): string {
  const first = stats.firstByteMs === undefined ? 'first byte …' : `first byte ${stats.firstByteMs.toFixed(0)} ms`;
  let mode: string;
  if (!finished) mode = stats.chunks > 1 ? 'streaming…' : 'waiting…';
  else if (stats.chunks > 1) mode = `streamed over ${(((stats.lastByteMs ?? 0) - (stats.firstByteMs ?? 0)) / 1000).toFixed(1)} s`;
  else mode = 'buffered (one piece)';
  return `[${name}] ${stats.bytes} B · ${stats.chunks} chunk${stats.chunks === 1 ? '' : 's'} · ${first} · ${(elapsedMs / 1000).toFixed(1)} s · ${mode}`;
}

/** Prints a response as it arrives, with the live status line; resolves when it ends. */
async function show(name: string, events: Observable<StreamEvent | HttpResponseEvent>, out: LiveOutput): Promise<Stats> {
  const stats: Stats = { bytes: 0, chunks: 0, firstByteMs: undefined, lastByteMs: undefined };
  const started = performance.now();
  const decoder = new TextDecoder();
  const render = (finished: boolean) => out.status(statusLine(name, stats, performance.now() - started, finished));
  out.begin();
  render(false);
  const ticker = setInterval(() => render(false), STATUS_REFRESH_MS);
  await lastValueFrom(
    events.pipe(
      tap((event) => {
        if (event.type === 'Head') {
          const headers = Object.entries(event.headers).filter(([header]) => !['connection', 'keep-alive', 'date', 'transfer-encoding'].includes(header));
          out.text(`HTTP ${event.statusCode}\n${headers.map(([header, value]) => `${header}: ${value}\n`).join('')}`);
          out.text(`${event.cookies.map((cookie) => `set-cookie: ${cookie}\n`).join('')}\n`);
        } else if (event.type === 'PayloadChunk') {
          const now = performance.now() - started;
          stats.firstByteMs ??= now;
          stats.lastByteMs = now;
          stats.chunks += 1;
          stats.bytes += event.payload.byteLength;
          out.text(decoder.decode(event.payload, { stream: true }));
          render(false);
        } else if (event.errorCode) {
          throw new Error(`${name} failed: ${event.errorCode} ${event.errorDetails ?? ''}`);
        }
      }),
      finalize(() => clearInterval(ticker)),
    ),
    { defaultValue: undefined },
  );
  out.text(decoder.decode());
  render(true);
  out.end();
  return stats;
}

const started = performance.now();
const functionLog: string[] = [];
const functions = exampleFunctions();
process.stderr.write(`rx-lambda: starting the embedded emulator with ${functions.length} example functions (examples/functions.json)\n`);
const emulator = await startEmulator({ functions, taskRoot: EXAMPLES_DIR, log: (line) => functionLog.push(line) });
const target = localTarget(emulator.url);
const out = new LiveOutput();
try {
  console.log(`\n1. token-stream: text streamed token by token (InvokeWithResponseStream at ${emulator.url})`);
  await show('token-stream', invokeStream({ ...target, functionName: 'token-stream', payload: { prompt: 'What does npm start show?' } }), out);

  console.log('\n2. buffered-json: one JSON result, posted by the runtime in buffered mode');
  await show('buffered-json', invokeStream({ ...target, functionName: 'buffered-json', payload: { name: 'npm start', count: 100 } }), out);

  console.log(`\n3. http-response: an HTTP response behind a Function URL (${emulator.url}/lambda-url/http-response/)`);
  await show('http-response', invokeFunctionUrl(`${emulator.url}/lambda-url/http-response/?name=npm%20start`, { headers: { cookie: 'visits=1' } }), out);

  console.log(`\nDone in ${((performance.now() - started) / 1000).toFixed(1)} s. Every example and its command: examples/README.md; the tests: npm test.`);
} catch (error) {
  process.stderr.write(`\nnpm start failed: ${error instanceof Error ? error.message : String(error)}\nfunction logs:\n${functionLog.join('\n')}\n`);
  process.exitCode = 1;
} finally {
  await emulator.close();
}
