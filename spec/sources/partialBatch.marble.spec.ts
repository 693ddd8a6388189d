import assert from 'node:assert/strict';
import { catchError, of, type Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { BatchFailedError } from '../../src/errors.js';
import type { SqsMessage } from '../../src/sources/decodeSqsRecord.js';
import { partialBatch, type PartialBatchOptions, type PartialBatchResponse } from '../../src/sources/partialBatch.js';
import { sqsBatch } from './batchEvents.js';
import { testContext } from './testContext.js';

const newScheduler = () => new TestScheduler((actual, expected) => assert.deepEqual(actual, expected));

/** Runs a batch whose record i is `work[i]` (message id `m<i>`) on the test scheduler. */
function runBatch(
  ts: TestScheduler,
  work: Observable<unknown>[],
  options: PartialBatchOptions,
  { queue = 'standard', deadlineMs }: { queue?: 'standard' | 'fifo'; deadlineMs?: number } = {},
): Observable<PartialBatchResponse> {
  const handler = partialBatch((m: SqsMessage) => work[Number(m.id.slice(1))]!, { ...options, scheduler: ts });
  return handler(sqsBatch(work.length, queue), testContext({ deadlineMs }));
}

const response = (...ids: string[]) => ({ r: { batchItemFailures: ids.map((itemIdentifier) => ({ itemIdentifier })) } });

describe('partialBatch (marbles)', () => {
  it('runs at most `concurrency` records at once, starting the next as soon as one settles', () => {
    const ts = newScheduler();
    ts.run(({ cold, expectObservable, expectSubscriptions }) => {
      const work = [cold('--|'), cold('----|'), cold('-#'), cold('---|'), cold('-|')];
      expectObservable(runBatch(ts, work, { concurrency: 2 })).toBe('------(r|)', response('m2'));
      expectSubscriptions(work[0]!.subscriptions).toBe('^-!');
      expectSubscriptions(work[1]!.subscriptions).toBe('^---!');
      expectSubscriptions(work[2]!.subscriptions).toBe('--^!');
      expectSubscriptions(work[3]!.subscriptions).toBe('---^--!');
      expectSubscriptions(work[4]!.subscriptions).toBe('----^!');
    });
  });

  it('starts every record at once with concurrency Infinity and answers when the slowest settles', () => {
    const ts = newScheduler();
    ts.run(({ cold, expectObservable, expectSubscriptions }) => {
      const work = [cold('---#'), cold('-a|'), cold('-----|')];
      expectObservable(runBatch(ts, work, { concurrency: Infinity })).toBe('-----(r|)', response('m0'));
      for (const w of work) expectSubscriptions(w.subscriptions).toBe(w === work[0] ? '^--!' : w === work[1] ? '^-!' : '^----!');
    });
  });

  it('runs a FIFO batch one record at a time in order and never starts the records after a failure', () => {
    const ts = newScheduler();
    ts.run(({ cold, expectObservable, expectSubscriptions }) => {
      const work = [cold('--|'), cold('-#'), cold('-|'), cold('|')];
      expectObservable(runBatch(ts, work, { concurrency: 4 }, { queue: 'fifo' })).toBe('---(r|)', response('m1', 'm2', 'm3'));
      expectSubscriptions(work[0]!.subscriptions).toBe('^-!');
      expectSubscriptions(work[1]!.subscriptions).toBe('--^!');
      expectSubscriptions(work[2]!.subscriptions).toBe([]);
      expectSubscriptions(work[3]!.subscriptions).toBe([]);
    });
  });

  it('at the deadline minus the margin, unsubscribes records in flight and reports them with the unstarted ones', () => {
    const ts = newScheduler();
    ts.run(({ cold, expectObservable, expectSubscriptions }) => {
      const work = [cold('-|'), cold('-----------------|'), cold('--|'), cold('------------------|'), cold('|')];
      const batch = runBatch(ts, work, { concurrency: 2, deadlineMarginMs: 5 }, { deadlineMs: 15 });
      expectObservable(batch).toBe('----------(r|)', response('m1', 'm3', 'm4'));
      expectSubscriptions(work[1]!.subscriptions).toBe('^---------!');
      expectSubscriptions(work[2]!.subscriptions).toBe('-^-!');
      expectSubscriptions(work[3]!.subscriptions).toBe('---^------!');
      expectSubscriptions(work[4]!.subscriptions).toBe([]);
    });
  });

  it('fails the whole batch at the deadline when no record finished', () => {
    const ts = newScheduler();
    ts.run(({ cold, expectObservable }) => {
      const batch = runBatch(ts, [cold('-----|'), cold('------|')], { concurrency: 2, deadlineMarginMs: 0 }, { deadlineMs: 3 });
      const outcome = batch.pipe(catchError((error: unknown) => of(error instanceof BatchFailedError ? error.failures.length : -1)));
      expectObservable(outcome).toBe('---(n|)', { n: 2 });
    });
  });

  it('waits for a record that emits before completing, ignoring its values', () => {
    const ts = newScheduler();
    ts.run(({ cold, expectObservable }) => {
      expectObservable(runBatch(ts, [cold('a-b-c|'), cold('x|')], { concurrency: 2 })).toBe('-----(r|)', response());
    });
  });
});
