// A client consuming NDJSON with the operators: invokeStream() yields the response as
// event-stream frames, httpResponse() splits off the HTTP head, ndjson() parses one object
// per line whatever the frame boundaries, and plain RxJS does the rest: a running average
// per symbol (groupBy + scan), printed as each quote arrives.
//
//   npx tsx examples/ndjsonClient.ts                          # starts an embedded emulator
//   npx tsx examples/ndjsonClient.ts --endpoint http://127.0.0.1:9000   # one you serve
import { parseArgs } from 'node:util';
import { groupBy, lastValueFrom, map, mergeMap, scan, tap, type Observable } from 'rxjs';
import { httpResponse, invokeStream, ndjson, type LambdaTarget } from 'rx-lambda/client';
import { startEmulator } from 'rx-lambda/emulator';
import { EXAMPLES_DIR, exampleFunctions, localTarget } from './exampleFunctions.js';
import type { Quote } from './ndjsonFeed.js';

/** The running state of one symbol after a quote. */
export interface Average {
  readonly symbol: string;
  readonly quotes: number;
  readonly last: number;
  readonly average: number;
}

/** Streams `ndjson-feed` and emits each symbol's running average as quotes arrive. */
export function runningAverages(target: LambdaTarget, count = 12): Observable<Average> {
  return invokeStream({ ...target, functionName: 'ndjson-feed', payload: { count } }).pipe(
    httpResponse(),
    ndjson<Quote>(),
    groupBy((quote) => quote.symbol),
    mergeMap((quotes) =>
      quotes.pipe(
        scan((acc, quote) => ({ sum: acc.sum + quote.price, n: acc.n + 1, last: quote.price }), { sum: 0, n: 0, last: 0 }),
        map(({ sum, n, last }): Average => ({ symbol: quotes.key, quotes: n, last, average: sum / n })),
      ),
    ),
  );
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { endpoint: { type: 'string' }, count: { type: 'string', default: '12' } } });
  const emulator = values.endpoint ? undefined : await startEmulator({ functions: exampleFunctions(['ndjson-feed']), taskRoot: EXAMPLES_DIR, log: () => {} });
  try {
    const target = localTarget(values.endpoint ?? emulator!.url);
    await lastValueFrom(
      runningAverages(target, Number(values.count)).pipe(
        tap((a) => console.log(`${a.symbol.padEnd(8)} quote #${a.quotes}  last ${a.last.toFixed(2)}  average ${a.average.toFixed(2)}`)),
      ),
    );
  } finally {
    await emulator?.close();
  }
}
