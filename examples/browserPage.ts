// A browser page that renders a streamed response as it arrives. GET / serves the page;
// its script calls fetch('stream') and reads response.body with a ReadableStream reader,
// appending each chunk the moment it lands. GET /stream sends the parts one by one.
//
// With RELEASE_URL set (the browser test does this), the function sends part 1, then
// waits for that URL to answer before sending the rest: the test answers only after it
// has seen part 1 on the page, which proves the page rendered it before the function ended.
import { concat, concatMap, defer, delay, from, ignoreElements, map, of, range } from 'rxjs';
import { head, type Handler } from 'rx-lambda';
import { httpRequest, type HttpEvent } from 'rx-lambda/sources';

/** Parts sent, and milliseconds between them when no RELEASE_URL is set. */
export const PARTS = 6;
const PART_MS = 400;

const PAGE = `<!doctype html>
<meta charset="utf-8">
<title>rx-lambda: a streamed response in the browser</title>
<style>body{font:16px system-ui;margin:2em} .part{display:block;animation:in .3s} @keyframes in{from{opacity:0}}</style>
<h1>Streamed from a Lambda function</h1>
<p id="status" data-state="loading">waiting for the first byte…</p>
<div id="out"></div>
<script type="module">
  const out = document.getElementById('out');
  const status = document.getElementById('status');
  const started = performance.now();
  // Relative to the function's root, whether or not the address ends with a slash.
  const base = location.pathname.endsWith('/') ? location.pathname : location.pathname + '/';
  const response = await fetch(base + 'stream', { cache: 'no-store' });
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let chunks = 0;
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    chunks += 1;
    buffer += value;
    // One part per line; a chunk may hold several lines or part of one.
    const lines = buffer.split('\\n');
    buffer = lines.pop();
    for (const line of lines) {
      const part = out.appendChild(document.createElement('span'));
      part.className = 'part';
      part.dataset.index = String(out.children.length);
      part.textContent = line;
    }
    status.textContent = chunks + ' chunk(s), first after ' + Math.round(performance.now() - started) + ' ms, still streaming…';
  }
  status.textContent = 'done: ' + out.children.length + ' parts in ' + chunks + ' chunk(s), ' + Math.round(performance.now() - started) + ' ms';
  status.dataset.state = 'done';
</script>
`;

/** Waits until `url` answers (any status); resolves at once without a URL. */
function released(url: string | undefined) {
  return defer(() => (url ? from(fetch(url).then((response) => response.arrayBuffer())) : of(undefined))).pipe(ignoreElements());
}

function parts(releaseUrl: string | undefined) {
  const line = (n: number) => `part ${n} of ${PARTS}: ${n === 1 ? 'sent at once' : 'sent later'}\n`;
  if (releaseUrl) {
    return concat(of(line(1)), released(releaseUrl), range(2, PARTS - 1).pipe(map(line)));
  }
  return range(1, PARTS).pipe(concatMap((n) => of(line(n)).pipe(delay(n === 1 ? 0 : PART_MS))));
}

export const handler: Handler<HttpEvent> = (event) => {
  const request = httpRequest(event);
  if (request.path.endsWith('/stream')) {
    return concat(
      of(head({ statusCode: 200, headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' } })),
      parts(process.env.RELEASE_URL),
    );
  }
  return of(head({ statusCode: 200, headers: { 'content-type': 'text/html; charset=utf-8' } }), PAGE);
};
