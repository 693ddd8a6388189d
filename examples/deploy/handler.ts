// The function that `npm run package` (rx-lambda package) bundles and template.yaml deploys: an HTTP response
// streamed through a RESPONSE_STREAM Function URL, one line every 100 ms, the head first.
import { concat, concatMap, delay, of, range } from 'rxjs';
import { head, type Handler } from 'rx-lambda';

/** Lines sent, and the pause between them in milliseconds. */
const LINES = 5;
const PAUSE_MS = 100;

export const handler: Handler = (_event, context) =>
  concat(
    of(head({ statusCode: 200, headers: { 'content-type': 'text/plain; charset=utf-8', 'x-function': context.functionName } })),
    range(1, LINES).pipe(concatMap((n) => of(`line ${n} of ${LINES}\n`).pipe(delay(n === 1 ? 0 : PAUSE_MS)))),
  );
