// A stream of objects as NDJSON: the ndjson() operator turns each value into one JSON
// line. The client example (ndjsonClient.ts) consumes it with invokeStream + ndjson().
import { concat, concatMap, delay, map, of, range } from 'rxjs';
import { head, ndjson, type Handler } from 'rx-lambda';

/** A price update. */
export interface Quote {
  readonly seq: number;
  readonly symbol: string;
  readonly price: number;
}

const SYMBOLS = ['ACME', 'GLOBEX', 'INITECH'] as const;

export interface FeedEvent {
  /** How many quotes to send (default 12). */
  readonly count?: number;
  /** Milliseconds between quotes (default 25). */
  readonly intervalMs?: number;
}

export const handler: Handler<FeedEvent> = (event) =>
  concat(
    of(head({ statusCode: 200, headers: { 'content-type': 'application/x-ndjson' } })),
    range(0, event.count ?? 12).pipe(
      concatMap((seq) => of(seq).pipe(delay(seq === 0 ? 0 : (event.intervalMs ?? 25)))),
      map((seq): Quote => ({ seq, symbol: SYMBOLS[seq % SYMBOLS.length]!, price: 100 + ((seq * 7) % 13) - 6 })),
      ndjson(),
    ),
  );
