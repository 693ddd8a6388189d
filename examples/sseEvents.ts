// Server-sent events to a browser: GET / serves a page whose EventSource listens to
// GET /events, a text/event-stream the function writes with the sse() operator: a
// "progress" event per step, then "done". Open the page through the Function URL.
import { concat, concatMap, delay, map, of, range } from 'rxjs';
import { head, sse, type Handler } from 'rx-lambda';
import { httpRequest, type HttpEvent } from 'rx-lambda/sources';

/** Steps of the simulated job, and milliseconds between them. */
const STEPS = 5;
const STEP_MS = 200;

const PAGE = `<!doctype html>
<meta charset="utf-8">
<title>rx-lambda: server-sent events</title>
<h1>Server-sent events from a Lambda function</h1>
<progress id="bar" max="${STEPS}" value="0"></progress>
<ul id="log"></ul>
<script>
  const base = location.pathname.endsWith('/') ? location.pathname : location.pathname + '/';
  const source = new EventSource(base + 'events');
  const add = (text) => document.getElementById('log').appendChild(document.createElement('li')).textContent = text;
  source.addEventListener('progress', (e) => {
    const step = JSON.parse(e.data);
    document.getElementById('bar').value = step.step;
    add('step ' + step.step + ' of ' + step.of + ': ' + step.label);
  });
  source.addEventListener('done', (e) => { add('done: ' + e.data); source.close(); document.body.dataset.state = 'done'; });
</script>
`;

/** One progress event. */
export interface Step {
  readonly step: number;
  readonly of: number;
  readonly label: string;
}

export const handler: Handler<HttpEvent> = (event) => {
  const request = httpRequest(event);
  if (request.path.endsWith('/events')) {
    const steps = range(1, STEPS).pipe(
      concatMap((n) => of(n).pipe(delay(n === 1 ? 0 : STEP_MS))),
      map((n): Step => ({ step: n, of: STEPS, label: `processed batch ${n}` })),
      sse({ event: 'progress', id: (step) => String(step.step), retry: 2000 }),
    );
    return concat(
      of(head({ statusCode: 200, headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' } })),
      steps,
      of('all steps finished').pipe(sse({ event: 'done' })),
    );
  }
  return of(head({ statusCode: 200, headers: { 'content-type': 'text/html; charset=utf-8' } }), PAGE);
};
