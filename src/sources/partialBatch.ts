import type { DynamoDBRecord, DynamoDBStreamEvent, KinesisStreamEvent, KinesisStreamRecord, SQSEvent, SQSRecord } from 'aws-lambda';
import {
  asyncScheduler,
  concatMap,
  concatWith,
  defer,
  EMPTY,
  endWith,
  fromEvent,
  from,
  ignoreElements,
  merge,
  mergeMap,
  of,
  take,
  takeUntil,
  takeWhile,
  tap,
  throwError,
  timer,
  catchError,
  type Observable,
  type ObservableInput,
  type SchedulerLike,
} from 'rxjs';
import { BatchFailedError, RecordNotProcessedError } from '../errors.js';
import type { InvocationContext } from '../handler.js';
import type { BodyOptions } from './decodeBody.js';
import { decodeDynamoDbRecord, type DynamoDbRecord } from './decodeDynamoDbRecord.js';
import type { UnmarshallOptions } from './unmarshallImage.js';
import { decodeKinesisRecord, type KinesisRecord } from './decodeKinesisRecord.js';
import { decodeSqsRecord, type SqsMessage } from './decodeSqsRecord.js';
import { recordsOf } from './recordsOf.js';

/** Records `partialBatch` hands to `processRecord`, as decoded without `json`/`parse`. */
export type BatchRecord = SqsMessage<string> | KinesisRecord<Uint8Array> | DynamoDbRecord;

/** Any decoded batch record, whatever its payload type. */
export type AnyBatchRecord = SqsMessage<unknown> | KinesisRecord<unknown> | DynamoDbRecord<unknown>;

/** Events `partialBatch` handles: the sources with partial batch responses. */
export type BatchEvent = SQSEvent | KinesisStreamEvent | DynamoDBStreamEvent;

/** Lambda's partial batch response (`ReportBatchItemFailures`). */
export interface PartialBatchResponse {
  readonly batchItemFailures: { readonly itemIdentifier: string }[];
}

/** One failed record: its identifier and why. */
export interface BatchItemFailure {
  readonly itemIdentifier: string;
  readonly error: unknown;
}

/**
 * Records processed at once by default: one, in order, like Powertools' batch processor.
 *
 * @example
 * ```ts
 * partialBatch(processRecord, { concurrency: DEFAULT_BATCH_CONCURRENCY * 8 });
 * ```
 */
export const DEFAULT_BATCH_CONCURRENCY = 1;

/**
 * Milliseconds before the invocation deadline at which `partialBatch` stops and reports
 * every unfinished record as failed, leaving time to post the response before the
 * runtime's own cut-off (the runtime stops handlers 100 ms before the deadline).
 *
 * @example
 * ```ts
 * partialBatch(processRecord, { deadlineMarginMs: BATCH_DEADLINE_MARGIN_MS * 2 }); // slow downstream commits
 * ```
 */
export const BATCH_DEADLINE_MARGIN_MS = 500;

/** Options of `partialBatch`. */
export interface PartialBatchOptions {
  /** Records processed at once (a positive integer, or `Infinity`). Default `DEFAULT_BATCH_CONCURRENCY`. FIFO batches run one at a time. */
  readonly concurrency?: number;
  /**
   * Process in order, stop at the first failure and report it and every later record.
   * Default: `true` for an SQS FIFO queue (ARN ending in `.fifo`), else `false`.
   */
  readonly fifo?: boolean;
  /** Parse SQS bodies and Kinesis data as JSON. A record that does not parse fails alone. */
  readonly json?: boolean;
  /** Checks and types each payload (SQS body, Kinesis data, DynamoDB image); a throw fails that record alone. */
  readonly parse?: (value: unknown) => unknown;
  /** How DynamoDB numbers are read; see `unmarshallImage`. */
  readonly unmarshall?: UnmarshallOptions;
  /** Stop this long before `context.deadlineMs`. Default `BATCH_DEADLINE_MARGIN_MS`. */
  readonly deadlineMarginMs?: number;
  /** When every record fails, error with `BatchFailedError` (Lambda retries the whole batch). Default `true`. */
  readonly throwOnFullBatchFailure?: boolean;
  /** Called once per failed record (for logs and metrics). */
  readonly onFailure?: (failure: BatchItemFailure) => void;
  /** Scheduler for the deadline timer. Default `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
}

type RawRecord = SQSRecord | KinesisStreamRecord | DynamoDBRecord;

interface Item {
  readonly index: number;
  readonly id: string;
  readonly raw: RawRecord;
}

type Outcome = { readonly index: number; readonly ok: true } | { readonly index: number; readonly ok: false; readonly error: unknown };

function identifierOf(raw: RawRecord): string {
  if ('messageId' in raw) return raw.messageId;
  if ('kinesis' in raw) return raw.kinesis.sequenceNumber;
  return raw.dynamodb?.SequenceNumber ?? '';
}

function decode(raw: RawRecord, options: PartialBatchOptions): AnyBatchRecord {
  const body = options as BodyOptions<unknown>;
  if ('messageId' in raw) return decodeSqsRecord(raw, body);
  if ('kinesis' in raw) return decodeKinesisRecord(raw, body);
  return decodeDynamoDbRecord(raw, { unmarshall: options.unmarshall, parse: options.parse });
}

function aborted(signal: AbortSignal): Observable<unknown> {
  return defer(() => (signal.aborted ? of(true) : fromEvent(signal, 'abort').pipe(take(1))));
}

function deadline(context: InvocationContext, marginMs: number, scheduler: SchedulerLike): Observable<unknown> {
  if (!Number.isFinite(context.deadlineMs)) return EMPTY;
  return defer(() => timer(Math.max(0, context.deadlineMs - marginMs - scheduler.now()), scheduler));
}

function checkConcurrency(concurrency: number): number {
  if (concurrency === Infinity || (Number.isInteger(concurrency) && concurrency >= 1)) return concurrency;
  throw new RangeError(`partialBatch(): concurrency must be a positive integer or Infinity, got ${concurrency}`);
}

/**
 * A handler for SQS, Kinesis and DynamoDB stream batches that reports partial failures.
 * It runs `processRecord` per decoded record (success = its Observable completes, failure =
 * it errors or throws) with bounded `concurrency`, and answers
 * `{ batchItemFailures: [{ itemIdentifier }] }` with the SQS message id or the stream
 * sequence number of each failed record, in batch order. Turn on
 * `ReportBatchItemFailures` on the event source mapping.
 *
 * - A record that does not decode (`json`, `parse`, bad base64) fails alone with `RecordParseError`.
 * - FIFO: in order, stops at the first failure and reports it and every later record.
 * - Every record failed: the batch fails as a whole with `BatchFailedError`.
 * - At `context.deadlineMs - deadlineMarginMs`, or when `context.signal` aborts, work in
 *   flight is unsubscribed and every unfinished record is reported as failed
 *   (`RecordNotProcessedError`) instead of being lost.
 *
 * @example
 * ```ts
 * import { partialBatch, route, type SqsMessage } from 'rx-lambda/sources';
 * export const handler = route({
 *   sqs: partialBatch((message: SqsMessage<Order>) => saveOrder(message.body), { json: true, concurrency: 8 }),
 * });
 * ```
 */
export function partialBatch<R extends AnyBatchRecord = BatchRecord>(
  processRecord: (record: R, context: InvocationContext) => ObservableInput<unknown>,
  options: PartialBatchOptions = {},
): (event: BatchEvent, context: InvocationContext) => Observable<PartialBatchResponse> {
  const concurrency = checkConcurrency(options.concurrency ?? DEFAULT_BATCH_CONCURRENCY);
  const marginMs = options.deadlineMarginMs ?? BATCH_DEADLINE_MARGIN_MS;
  const scheduler = options.scheduler ?? asyncScheduler;
  const throwOnFullBatchFailure = options.throwOnFullBatchFailure ?? true;

  return (event, context) =>
    defer(() => {
      const items: Item[] = recordsOf<RawRecord>(event, ['sqs', 'kinesis', 'dynamodb']).map((raw, index) => ({
        index,
        id: identifierOf(raw),
        raw,
      }));
      const fifo =
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition, @typescript-eslint/no-unnecessary-boolean-literal-compare -- events come from AWS services and hand-written tests; a field the type says is always there may be missing
        options.fifo ?? items.some(({ raw }) => 'messageId' in raw && raw.eventSourceARN?.endsWith('.fifo') === true);
      // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- a sparse array of the batch's length, filled as records settle
      const outcomes: (Outcome | undefined)[] = new Array(items.length);

      const attempt = (item: Item): Observable<Outcome> =>
        defer(() => from(processRecord(decode(item.raw, options) as R, context))).pipe(
          ignoreElements(),
          endWith<Outcome>({ index: item.index, ok: true }),
          catchError((error: unknown) => of<Outcome>({ index: item.index, ok: false, error })),
        );

      const work = fifo
        ? from(items).pipe(concatMap(attempt), takeWhile((outcome) => outcome.ok, true))
        : from(items).pipe(mergeMap(attempt, concurrency));

      const respond = defer(() => {
        let failedBefore = false;
        const failures: BatchItemFailure[] = [];
        for (const item of items) {
          const outcome = outcomes[item.index];
          if (outcome?.ok === true) continue;
          const error =
            outcome === undefined ? new RecordNotProcessedError(fifo && failedBefore ? 'fifo' : 'deadline', item.id) : outcome.error;
          if (outcome !== undefined) failedBefore = true;
          failures.push({ itemIdentifier: item.id, error });
        }
        failures.forEach((failure) => options.onFailure?.(failure));
        if (throwOnFullBatchFailure && items.length > 0 && failures.length === items.length) {
          return throwError(() => new BatchFailedError(failures));
        }
        return of({ batchItemFailures: failures.map(({ itemIdentifier }) => ({ itemIdentifier })) });
      });

      return work.pipe(
        takeUntil(merge(aborted(context.signal), deadline(context, marginMs, scheduler))),
        tap((outcome) => (outcomes[outcome.index] = outcome)),
        ignoreElements(),
        concatWith(respond),
      );
    });
}
