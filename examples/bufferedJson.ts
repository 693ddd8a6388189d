// Buffered JSON: the handler emits one object, which becomes the whole JSON result. The
// function runs with responseMode 'buffered' (examples/functions.json), so the runtime
// posts one plain response, the way a classic Lambda function answers. The smallest handler
// of this kind is `() => of({ ok: true })`.
import { map, reduce, range } from 'rxjs';
import type { Handler } from 'rx-lambda';

/** The event this function expects; every field is optional. */
export interface GreetingEvent {
  readonly name?: string;
  readonly count?: number;
}

export const handler: Handler<GreetingEvent> = (event, context) =>
  range(1, event.count ?? 3).pipe(
    reduce((sum, n) => sum + n, 0),
    map((sum) => ({
      greeting: `hello, ${event.name ?? 'world'}`,
      sumOfFirst: { count: event.count ?? 3, sum },
      requestId: context.awsRequestId,
    })),
  );
