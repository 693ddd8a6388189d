import type { SQSEvent } from 'aws-lambda';
import { loadEvent } from './loadEvent.js';

/** An SQS batch of `n` messages with ids `m0..m{n-1}` and JSON bodies `{"i":n}`, from a standard or FIFO queue. */
export function sqsBatch(n: number, queue: 'standard' | 'fifo' = 'standard'): SQSEvent {
  const template = loadEvent<SQSEvent>(queue === 'fifo' ? 'sqs-fifo' : 'sqs').Records[0]!;
  return {
    Records: Array.from({ length: n }, (_, i) => ({ ...template, messageId: `m${i}`, body: JSON.stringify({ i }) })),
  };
}
