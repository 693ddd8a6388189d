// SQS with partial batch failures: partialBatch() runs the work per message and answers
// {"batchItemFailures":[...]} naming only the messages that failed, so SQS redelivers just
// those (enable ReportBatchItemFailures on the event source mapping). A message that is
// not JSON fails alone; FIFO queues stop at the first failure.
import { defer, of, throwError } from 'rxjs';
import type { Handler } from 'rx-lambda';
import { partialBatch, type SqsMessage } from 'rx-lambda/sources';

/** The body of each message. */
export interface Order {
  readonly orderId: string;
  readonly quantity: number;
}

/** One order: fails for a non-positive quantity, otherwise "saves" it. */
function processOrder(message: SqsMessage<Order>) {
  return defer(() => {
    const { orderId, quantity } = message.body;
    if (!(quantity > 0)) return throwError(() => new RangeError(`order ${orderId}: quantity must be positive, got ${quantity}`));
    console.log(`saved order ${orderId} x${quantity}`);
    return of(orderId);
  });
}

export const handler: Handler = partialBatch(processOrder, {
  json: true,
  concurrency: 4,
  onFailure: ({ itemIdentifier, error }) => console.log(`failed ${itemIdentifier}: ${String(error)}`),
}) as Handler;
