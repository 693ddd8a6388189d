// A scheduled job: an EventBridge schedule fires the function; scheduledEvents() turns the
// event into a typed tick (time, rule name), and the job reports what it did as its JSON
// result. Here the job totals a day's worth of readings, in pages, as an Observable.
import type { ScheduledEvent } from 'aws-lambda';
import { from, map, mergeMap, range, reduce } from 'rxjs';
import type { Handler } from 'rx-lambda';
import { scheduledEvents } from 'rx-lambda/sources';

/** Pages of readings processed per run, and readings per page. */
const PAGES = 4;
const PER_PAGE = 250;

/** A page of readings, as a data store would return it (simulated). */
async function fetchPage(page: number): Promise<number[]> {
  return Array.from({ length: PER_PAGE }, (_, i) => (page * PER_PAGE + i) % 10);
}

export const handler: Handler<ScheduledEvent> = (event) =>
  from([event]).pipe(
    scheduledEvents(),
    mergeMap((tick) =>
      range(0, PAGES).pipe(
        mergeMap((page) => fetchPage(page), 2),
        reduce((total, page) => ({ readings: total.readings + page.length, sum: total.sum + page.reduce((a, b) => a + b, 0) }), { readings: 0, sum: 0 }),
        map((total) => ({ rule: tick.ruleName, firedAt: tick.time.toISOString(), ...total })),
      ),
    ),
  );
