// A Hono app as a Lambda function through fetchHandler(): the same app.fetch answers a
// Function URL, API Gateway (REST and HTTP API) and ALB. Each event becomes a web Request;
// each Response goes out buffered or streamed as the sink decides: the JSON route fits in
// one buffered answer, the streaming routes (streamText, SSE) commit to streaming and reach
// the caller as they are written, the redirect is a head without a body, and the binary
// route is raw bytes (base64 in a buffered proxy result).
import { Hono } from 'hono';
import { streamSSE, streamText } from 'hono/streaming';
import { fetchHandler } from 'rx-lambda';

/** Milliseconds between streamed lines: slow enough to see them arrive one by one. */
const LINE_INTERVAL_MS = 50;

/** The bytes of the binary route: a PNG signature followed by every byte value once. */
export const BINARY_BYTES = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Array.from({ length: 256 }, (_, i) => i)]);

export const app = new Hono()
  .get('/api/hello', (c) => {
    const name = c.req.query('name') ?? 'world';
    c.header('cache-control', 'no-store');
    return c.json({ hello: name, method: c.req.method, cookie: c.req.header('cookie') ?? null });
  })
  .post('/api/echo', async (c) => c.json({ received: await c.req.json<unknown>() }, 201))
  .get('/stream', (c) =>
    streamText(c, async (stream) => {
      const lines = Number(c.req.query('lines') ?? '5');
      for (let i = 1; i <= lines; i++) {
        await stream.writeln(`line ${i} of ${lines}`);
        if (i < lines) await stream.sleep(LINE_INTERVAL_MS);
      }
    }),
  )
  .get('/events', (c) =>
    streamSSE(c, async (stream) => {
      for (let id = 1; id <= 3; id++) {
        await stream.writeSSE({ id: String(id), event: 'tick', data: JSON.stringify({ id }) });
        await stream.sleep(LINE_INTERVAL_MS);
      }
    }),
  )
  .get('/old', (c) => c.redirect('/api/hello', 301))
  .get('/logo.png', (c) => c.body(BINARY_BYTES, 200, { 'content-type': 'image/png' }));

export const handler = fetchHandler(app.fetch);
