import assert from 'node:assert/strict';
import type { DynamoDBStreamEvent, KinesisStreamEvent, SQSEvent } from 'aws-lambda';
import { EMPTY, Observable, defer, firstValueFrom, of, throwError, type ObservableInput } from 'rxjs';
import { BatchFailedError, EventSourceMismatchError, RecordNotProcessedError, RecordParseError } from '../../src/errors.js';
import type { KinesisRecord } from '../../src/sources/decodeKinesisRecord.js';
import type { SqsMessage } from '../../src/sources/decodeSqsRecord.js';
import { partialBatch, type BatchItemFailure } from '../../src/sources/partialBatch.js';
import { sqsBatch } from './batchEvents.js';
import { loadEvent } from './loadEvent.js';
import { testContext } from './testContext.js';

const ids = (response: { batchItemFailures: { itemIdentifier: string }[] }) =>
  response.batchItemFailures.map((f) => f.itemIdentifier);

const failIf = (fail: boolean): ObservableInput<unknown> => (fail ? throwError(() => new Error('boom')) : EMPTY);

describe('partialBatch', () => {
  it('reports the message ids of the failed SQS records, in batch order', async () => {
    const handler = partialBatch((m: SqsMessage) => failIf(m.id === 'm1' || m.id === 'm3'), { concurrency: 3 });
    assert.deepEqual(ids(await firstValueFrom(handler(sqsBatch(5), testContext()))), ['m1', 'm3']);
  });

  it('answers an empty failure list when every record succeeds, and for an empty batch', async () => {
    const handler = partialBatch(() => of('emitted values are ignored'));
    assert.deepEqual(await firstValueFrom(handler(sqsBatch(3), testContext())), { batchItemFailures: [] });
    assert.deepEqual(await firstValueFrom(handler({ Records: [] }, testContext())), { batchItemFailures: [] });
  });

  it('accepts promises and arrays from processRecord, and fails a record whose processRecord throws', async () => {
    const handler = partialBatch((m: SqsMessage) => {
      if (m.id === 'm0') return Promise.resolve(1);
      if (m.id === 'm1') return Promise.reject(new Error('rejected'));
      if (m.id === 'm2') throw new Error('thrown');
      return [1, 2];
    });
    assert.deepEqual(ids(await firstValueFrom(handler(sqsBatch(4), testContext()))), ['m1', 'm2']);
  });

  it('fails the whole batch with BatchFailedError when every record fails', async () => {
    const handler = partialBatch(() => failIf(true));
    await assert.rejects(
      firstValueFrom(handler(sqsBatch(3), testContext())),
      (error: unknown) =>
        error instanceof BatchFailedError && error.failures.map((f) => f.itemIdentifier).join() === 'm0,m1,m2',
    );
    const reportAll = partialBatch(() => failIf(true), { throwOnFullBatchFailure: false });
    assert.deepEqual(ids(await firstValueFrom(reportAll(sqsBatch(2), testContext()))), ['m0', 'm1']);
  });

  it('fails an unparseable record alone without calling processRecord for it', async () => {
    const seen: string[] = [];
    const failures: BatchItemFailure[] = [];
    const handler = partialBatch(
      (m: SqsMessage<{ orderId: string }>) => {
        seen.push(m.body.orderId);
        return EMPTY;
      },
      { json: true, onFailure: (failure) => failures.push(failure) },
    );
    const response = await firstValueFrom(handler(loadEvent<SQSEvent>('sqs'), testContext()));
    assert.deepEqual(ids(response), ['2e1424d4-f796-459a-8184-9c92662be6da']);
    assert.deepEqual(seen, ['o-1']);
    assert.ok(failures[0]?.error instanceof RecordParseError);
  });

  it('fails a record rejected by parse alone', async () => {
    const parse = (value: unknown) => {
      if ((value as { i: number }).i === 1) throw new Error('i must not be 1');
      return value;
    };
    const handler = partialBatch(() => EMPTY, { json: true, parse });
    assert.deepEqual(ids(await firstValueFrom(handler(sqsBatch(3), testContext()))), ['m1']);
  });

  it('processes a FIFO queue in order and stops at the first failure, reporting it and every later record', async () => {
    const seen: string[] = [];
    const failures: BatchItemFailure[] = [];
    const handler = partialBatch(
      (m: SqsMessage) => {
        seen.push(m.id);
        return failIf(m.id === 'm1');
      },
      { concurrency: 10, onFailure: (failure) => failures.push(failure) },
    );
    const response = await firstValueFrom(handler(sqsBatch(4, 'fifo'), testContext()));
    assert.deepEqual(ids(response), ['m1', 'm2', 'm3']);
    assert.deepEqual(seen, ['m0', 'm1']);
    assert.ok(failures[1]?.error instanceof RecordNotProcessedError && failures[1].error.reason === 'fifo');
  });

  it('treats a FIFO record that does not parse as the first failure', async () => {
    const event = sqsBatch(3, 'fifo');
    event.Records[1]!.body = 'not json';
    const handler = partialBatch(() => EMPTY, { json: true });
    assert.deepEqual(ids(await firstValueFrom(handler(event, testContext()))), ['m1', 'm2']);
  });

  it('applies the FIFO rule to any source when asked, and not to a FIFO queue when turned off', async () => {
    const handler = partialBatch((m: SqsMessage) => failIf(m.id === 'm1'), { fifo: true });
    assert.deepEqual(ids(await firstValueFrom(handler(sqsBatch(3), testContext()))), ['m1', 'm2']);
    const unordered = partialBatch((m: SqsMessage) => failIf(m.id === 'm1'), { fifo: false });
    assert.deepEqual(ids(await firstValueFrom(unordered(sqsBatch(3, 'fifo'), testContext()))), ['m1']);
  });

  it('reports Kinesis failures by sequence number, failing a record whose data is not JSON alone', async () => {
    const handler = partialBatch((r: KinesisRecord<unknown>) => failIf(r.partitionKey === 'sensor-2'), { json: true });
    const response = await firstValueFrom(handler(loadEvent<KinesisStreamEvent>('kinesis'), testContext()));
    assert.deepEqual(ids(response), [
      '49590333129759076289547984023564745386836902259600001',
      '49590333129759076289547984023564745386836902259600002',
    ]);
  });

  it('reports DynamoDB failures by sequence number and hands over unmarshalled records', async () => {
    const handler = partialBatch((record) => {
      assert.equal(record.kind, 'dynamodb');
      return failIf(record.kind === 'dynamodb' && record.eventName === 'REMOVE');
    });
    const response = await firstValueFrom(handler(loadEvent<DynamoDBStreamEvent>('dynamodb'), testContext()));
    assert.deepEqual(ids(response), ['333000000000000000003']);
  });

  it('when context.signal aborts, unsubscribes work in flight and reports every unfinished record', async () => {
    const controller = new AbortController();
    const tornDown: string[] = [];
    const started: string[] = [];
    const handler = partialBatch(
      (m: SqsMessage) =>
        m.id === 'm0'
          ? EMPTY
          : new Observable<never>(() => {
              started.push(m.id);
              if (started.length === 2) queueMicrotask(() => controller.abort());
              return () => tornDown.push(m.id);
            }),
      { concurrency: 2 },
    );
    const failures: unknown[] = [];
    const response = await firstValueFrom(
      defer(() => handler(sqsBatch(5), testContext({ signal: controller.signal }))),
    ).catch((error: unknown) => failures.push(error));
    assert.deepEqual(failures, []);
    assert.deepEqual(ids(response as never), ['m1', 'm2', 'm3', 'm4']);
    assert.deepEqual(started, ['m1', 'm2']);
    assert.deepEqual(tornDown.sort(), ['m1', 'm2']);
  });

  it('reports every record unprocessed when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const handler = partialBatch(() => EMPTY, { throwOnFullBatchFailure: false });
    const response = await firstValueFrom(handler(sqsBatch(2), testContext({ signal: controller.signal })));
    assert.deepEqual(ids(response), ['m0', 'm1']);
  });

  it('errors with EventSourceMismatchError for events without partial batch responses', async () => {
    const handler = partialBatch(() => EMPTY);
    await assert.rejects(firstValueFrom(handler(loadEvent('s3') as never, testContext())), EventSourceMismatchError);
  });

  it('rejects a concurrency that is not a positive integer', () => {
    for (const concurrency of [0, -1, 1.5, Number.NaN]) {
      assert.throws(() => partialBatch(() => EMPTY, { concurrency }), RangeError);
    }
  });
});
