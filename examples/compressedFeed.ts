// A compressed NDJSON stream: compress() picks zstd, brotli or gzip from the request's
// Accept-Encoding and flushes after every record, so the caller decodes each record the
// moment it arrives, while the function is still sending. The same handler, buffered,
// sends one compressed body (base64 in the proxy result API Gateway and ALB read).
import { concat, concatMap, delay, map, of, range } from 'rxjs';
import { compress, head, ndjson } from 'rx-lambda';
import { httpRequest, route } from 'rx-lambda/sources';

/** One reading of the feed: repetitive, as real JSON logs and events are, so it compresses well. */
export interface Reading {
  readonly seq: number;
  readonly sensor: string;
  readonly status: 'ok' | 'warning';
  readonly celsius: number;
}

/** Readings by default, and milliseconds between them; `?count=` and `?intervalMs=` change them. */
const DEFAULT_COUNT = 20;
const DEFAULT_INTERVAL_MS = 20;

export function reading(seq: number): Reading {
  return { seq, sensor: `greenhouse-${seq % 4}`, status: seq % 7 === 0 ? 'warning' : 'ok', celsius: 20 + (seq % 5) };
}

export const handler = compress(
  route({
    http: (event) => {
      const query = httpRequest(event).query;
      const count = Number(query.count ?? DEFAULT_COUNT);
      const pause = Number(query.intervalMs ?? DEFAULT_INTERVAL_MS);
      return concat(
        of(head({ statusCode: 200, headers: { 'content-type': 'application/x-ndjson' } })),
        range(0, count).pipe(
          concatMap((seq) => of(seq).pipe(delay(seq === 0 ? 0 : pause))),
          map(reading),
          ndjson(),
        ),
      );
    },
  }),
);
