import assert from 'node:assert/strict';
import fc from 'fast-check';
import { EMPTY, defer, finalize, mergeMap, throwError, timer } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { BatchFailedError } from '../../src/errors.js';
import type { SqsMessage } from '../../src/sources/decodeSqsRecord.js';
import { partialBatch } from '../../src/sources/partialBatch.js';
import { sqsBatch } from './batchEvents.js';
import { testContext } from './testContext.js';

/** Runs of each property; the issue asks for at least 1000. */
const RUNS = 1000;

/** A batch size, a failing subset of its indices, a settle time per record and a concurrency. */
const batchCase = fc
  .integer({ min: 1, max: 25 })
  .chain((n) =>
    fc.record({
      n: fc.constant(n),
      failing: fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { maxLength: n }),
      delays: fc.array(fc.integer({ min: 0, max: 20 }), { minLength: n, maxLength: n }),
      concurrency: fc.oneof(fc.integer({ min: 1, max: 8 }), fc.constant(Infinity)),
    }),
  );

interface Outcome {
  reported: string[] | undefined;
  error: unknown;
  started: number[];
  maxInFlight: number;
}

/** Runs one batch on virtual time: record i settles after delays[i] frames, failing when i is in `failing`. */
function runCase(
  { n, failing, delays, concurrency }: { n: number; failing: number[]; delays: number[]; concurrency: number },
  fifo: boolean,
  throwOnFullBatchFailure = false,
): Outcome {
  const ts = new TestScheduler(assert.deepEqual);
  const failSet = new Set(failing);
  const outcome: Outcome = { reported: undefined, error: undefined, started: [], maxInFlight: 0 };
  let inFlight = 0;
  const handler = partialBatch(
    (m: SqsMessage) => {
      const i = Number(m.id.slice(1));
      return defer(() => {
        outcome.started.push(i);
        outcome.maxInFlight = Math.max(outcome.maxInFlight, ++inFlight);
        return timer(delays[i]!, ts).pipe(mergeMap(() => (failSet.has(i) ? throwError(() => new Error(`record ${i}`)) : EMPTY)));
      }).pipe(finalize(() => inFlight--));
    },
    { fifo, concurrency, scheduler: ts, throwOnFullBatchFailure },
  );
  handler(sqsBatch(n), testContext()).subscribe({
    next: (response) => (outcome.reported = response.batchItemFailures.map((f) => f.itemIdentifier)),
    error: (error: unknown) => (outcome.error = error),
  });
  ts.flush();
  return outcome;
}

const id = (i: number) => `m${i}`;

describe('partialBatch (properties)', () => {
  it('FIFO: for any failing set, reports exactly the first failure and every record after it, and starts none after it', () => {
    fc.assert(
      fc.property(batchCase, (c) => {
        const { reported, error, started, maxInFlight } = runCase(c, true);
        assert.equal(error, undefined);
        const first = c.failing.length === 0 ? c.n : Math.min(...c.failing);
        assert.deepEqual(reported, Array.from({ length: c.n - first }, (_, k) => id(first + k)));
        assert.deepEqual(started, Array.from({ length: Math.min(first + 1, c.n) }, (_, k) => k));
        assert.ok(maxInFlight <= 1);
      }),
      { numRuns: RUNS },
    );
  });

  it('standard: for any failing set, settle order and concurrency, reports exactly the failures in batch order', () => {
    fc.assert(
      fc.property(batchCase, (c) => {
        const { reported, error, started, maxInFlight } = runCase(c, false);
        assert.equal(error, undefined);
        assert.deepEqual(reported, [...c.failing].sort((a, b) => a - b).map(id));
        assert.equal(started.length, c.n);
        assert.ok(maxInFlight <= c.concurrency);
      }),
      { numRuns: RUNS },
    );
  });

  it('fails the whole batch with BatchFailedError exactly when every record is reported', () => {
    fc.assert(
      fc.property(batchCase, fc.boolean(), (c, fifo) => {
        const { reported, error } = runCase(c, fifo, true);
        const failSet = new Set(c.failing);
        const allFail = fifo ? failSet.has(0) : failSet.size === c.n;
        assert.equal(error instanceof BatchFailedError, allFail);
        assert.equal(reported === undefined, allFail);
        if (error instanceof BatchFailedError) assert.equal(error.failures.length, c.n);
      }),
      { numRuns: RUNS },
    );
  });
});
