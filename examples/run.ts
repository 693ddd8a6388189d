// Runs one example in the embedded emulator and shows what its caller sees:
//
//   npx tsx examples/run.ts <example> [payload-json]
//   npx tsx examples/run.ts <example> --serve       # keep serving; prints the Function URL
//
// <example> is a function name from examples/functions.json (see examples/README.md).
import { get } from 'node:http';
import { parseArgs } from 'node:util';
import { lastValueFrom, tap } from 'rxjs';
import { httpResponse, invoke, invokeFunctionUrl, invokeStream, sse, text, type HttpResponseEvent } from 'rx-lambda/client';
import { startEmulator } from 'rx-lambda/emulator';
import { EXAMPLES_DIR, exampleFunctions, localTarget, type ExampleName } from './exampleFunctions.js';
import { ORDERS_BATCH, scheduledEvent } from './sampleEvents.js';

type Target = ReturnType<typeof localTarget>;
type Demo = (target: Target, payload: unknown) => Promise<void>;

const write = (chunk: string | Uint8Array) => process.stdout.write(chunk);
const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** Streams a function's body to stdout as it arrives, printing the HTTP head if any. */
function printStream(target: Target, functionName: string, payload: unknown): Promise<unknown> {
  return lastValueFrom(invokeStream({ ...target, functionName, payload }).pipe(httpResponse(), tap(printHttpEvent)), { defaultValue: undefined });
}

/** Headers of the connection rather than the response; not printed. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'date']);

function printHttpEvent(event: HttpResponseEvent): void {
  if (event.type === 'Head') {
    console.log(`HTTP ${event.statusCode}`);
    for (const [name, value] of Object.entries(event.headers)) if (!HOP_BY_HOP.has(name)) console.log(`${name}: ${value}`);
    for (const cookie of event.cookies) console.log(`set-cookie: ${cookie}`);
    console.log();
  } else write(event.payload);
}

async function printInvoke(target: Target, functionName: string, payload: unknown): Promise<void> {
  const result = await lastValueFrom(invoke({ ...target, functionName, payload }));
  console.log(JSON.stringify(JSON.parse(decode(result.payload)), null, 2));
}

const functionUrl = (target: Target, name: ExampleName, path = '/') => `${target.endpoint}/lambda-url/${name}${path}`;

const demos: Record<ExampleName, Demo> = {
  'buffered-json': (target, payload) => printInvoke(target, 'buffered-json', payload ?? { name: 'reader', count: 10 }),
  'token-stream': async (target, payload) => {
    await lastValueFrom(invokeStream({ ...target, functionName: 'token-stream', payload: payload ?? {} }).pipe(text(), tap(write)));
  },
  'large-file': async (target, payload) => {
    let bytes = 0;
    let logResult: string | undefined;
    const started = performance.now();
    await lastValueFrom(
      invokeStream({ ...target, functionName: 'large-file', payload: payload ?? {}, logType: 'Tail' }).pipe(
        tap((event) => {
          if (event.type === 'InvokeComplete') logResult = event.logResult;
        }),
        httpResponse(),
        tap((event) => {
          if (event.type !== 'PayloadChunk') return;
          bytes += event.payload.byteLength;
          process.stderr.write(`\rreceived ${(bytes / 2 ** 20).toFixed(0)} MiB`);
        }),
      ),
    );
    const seconds = (performance.now() - started) / 1000;
    process.stderr.write('\n');
    console.log(`${bytes} bytes in ${seconds.toFixed(1)} s (${(bytes / 2 ** 20 / seconds).toFixed(0)} MiB/s)`);
    const report = logResult?.match(/large-file: .*/)?.[0];
    if (report) console.log(`function log: ${report}`);
  },
  'http-response': async (target) => {
    console.log('GET /?name=reader');
    await lastValueFrom(invokeFunctionUrl(functionUrl(target, 'http-response', '/?name=reader'), { headers: { cookie: 'visits=41' } }).pipe(tap(printHttpEvent)));
    console.log('\nPOST /items');
    await lastValueFrom(invokeFunctionUrl(functionUrl(target, 'http-response', '/items'), { method: 'POST', body: JSON.stringify({ name: 'lamp' }) }).pipe(tap(printHttpEvent)));
    console.log();
  },
  'sse-events': async (target) => {
    await lastValueFrom(invokeFunctionUrl(functionUrl(target, 'sse-events', '/events')).pipe(sse(), tap((e) => console.log(`event: ${e.event ?? 'message'}  id: ${e.id ?? '-'}  data: ${e.data}`))));
    console.log(`(a browser gets the same stream: npx tsx examples/run.ts sse-events --serve)`);
  },
  'sqs-batch': (target, payload) => printInvoke(target, 'sqs-batch', payload ?? ORDERS_BATCH),
  'scheduled-job': (target, payload) => printInvoke(target, 'scheduled-job', payload ?? scheduledEvent()),
  'ndjson-feed': async (target, payload) => {
    await printStream(target, 'ndjson-feed', payload ?? {});
  },
  'managed-runtime': async (target, payload) => {
    await printStream(target, 'managed-runtime', payload ?? { name: 'reader' });
    console.log();
  },
  'browser-page': async (target) => {
    console.log(`open ${functionUrl(target, 'browser-page')} in a browser (this demo needs --serve)`);
  },
  'hono-app': (target) => printHonoRoutes(target, 'hono-app'),
  'hono-app-buffered': (target) => printHonoRoutes(target, 'hono-app-buffered'),
  'hono-app-managed': (target) => printHonoRoutes(target, 'hono-app-managed'),
  'compressed-feed': (target) => printCompressed(target, 'compressed-feed'),
  'compressed-feed-buffered': (target) => printCompressed(target, 'compressed-feed-buffered'),
  'chat-stream': async (target) => {
    const body = { id: 'chat', trigger: 'submit-message', messages: [{ id: 'u1', role: 'user', parts: [{ type: 'text', text: 'What is streaming?' }] }] };
    await lastValueFrom(invokeFunctionUrl(functionUrl(target, 'chat-stream', '/api/chat'), { method: 'POST', body: JSON.stringify(body) }).pipe(tap(printHttpEvent)));
    console.log(`(a page reads it with the AI SDK's client: npx tsx examples/run.ts chat-stream --serve)`);
  },
};

/** Fetches the compressed feed once per coding and prints its bytes on the wire against the plain ones. */
async function printCompressed(target: Target, name: 'compressed-feed' | 'compressed-feed-buffered'): Promise<void> {
  for (const coding of ['identity', 'gzip', 'br', 'zstd']) {
    // node:http, unlike fetch, hands over the body as it came: still compressed.
    const { encoding, wire } = await new Promise<{ encoding: string; wire: number }>((resolve, reject) => {
      get(functionUrl(target, name, '/?count=200&intervalMs=0'), { headers: { 'accept-encoding': coding } }, (response) => {
        let bytes = 0;
        response.on('data', (chunk: Buffer) => (bytes += chunk.byteLength));
        response.on('end', () => resolve({ encoding: String(response.headers['content-encoding'] ?? '-'), wire: bytes }));
        response.on('error', reject);
      }).on('error', reject);
    });
    console.log(`accept-encoding: ${coding.padEnd(8)} content-encoding: ${encoding.padEnd(5)} ${wire} bytes on the wire`);
  }
}

/** Calls each route of the Hono example through the function's URL and prints what comes back. */
async function printHonoRoutes(target: Target, name: 'hono-app' | 'hono-app-buffered' | 'hono-app-managed'): Promise<void> {
  for (const path of ['/api/hello?name=reader', '/stream?lines=5', '/events', '/old']) {
    console.log(`GET ${path}`);
    await lastValueFrom(invokeFunctionUrl(functionUrl(target, name, path)).pipe(tap(printHttpEvent)), { defaultValue: undefined });
    console.log();
  }
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { serve: { type: 'boolean' }, port: { type: 'string', default: '0' } } });
const name = positionals[0] as ExampleName | undefined;
if (name === undefined || !(name in demos)) {
  console.error(`usage: npx tsx examples/run.ts <example> [payload-json] [--serve [--port N]]\nexamples: ${Object.keys(demos).join(', ')}`);
  process.exit(2);
}
const payload: unknown = positionals[1] === undefined ? undefined : JSON.parse(positionals[1]);
const verbose = values.serve === true || process.env.RX_LAMBDA_VERBOSE === '1';
const emulator = await startEmulator({
  functions: exampleFunctions(),
  taskRoot: EXAMPLES_DIR,
  port: Number(values.port),
  log: (line) => {
    if (verbose) process.stderr.write(`${line}\n`);
  },
});
if (values.serve) {
  console.log(`emulator at ${emulator.url}; Function URL of ${name}: ${functionUrl(localTarget(emulator.url), name)}`);
  console.log('press Ctrl-C to stop');
  process.once('SIGINT', () => void emulator.close().then(() => process.exit(0)));
} else {
  try {
    await demos[name](localTarget(emulator.url), payload);
  } finally {
    await emulator.close();
  }
}
