import type { SQSRecord, SQSRecordAttributes } from 'aws-lambda';
import { decodeBase64, decodeBody, type BodyOptions } from './decodeBody.js';

/** FIFO queue fields of an SQS message. */
export interface SqsFifoAttributes {
  readonly messageGroupId: string;
  readonly sequenceNumber: string;
  readonly deduplicationId: string | undefined;
}

/**
 * An SQS message decoded: `body` is the text, or the parsed JSON with `json: true`.
 * `id` is the message id, the `itemIdentifier` for partial batch responses.
 */
export interface SqsMessage<T = string> {
  readonly kind: 'sqs';
  /** The message id; the `itemIdentifier` of a batch item failure. */
  readonly id: string;
  readonly messageId: string;
  /** The body decoded per the options: the text by default. */
  readonly body: T;
  /** The body exactly as received. */
  readonly text: string;
  /** SQS system attributes as received (`ApproximateReceiveCount`, `SentTimestamp`, ...). */
  readonly attributes: SQSRecordAttributes;
  /** Message attributes: `String` and `Number` types as their string, `Binary` as bytes. */
  readonly messageAttributes: Readonly<Record<string, string | Uint8Array>>;
  /** Present for messages from a FIFO queue. */
  readonly fifo: SqsFifoAttributes | undefined;
  readonly receiveCount: number;
  readonly sentAt: Date;
  readonly queueArn: string;
  /** The record as Lambda delivered it. */
  readonly record: SQSRecord;
}

function messageAttributes(record: SQSRecord): Record<string, string | Uint8Array> {
  // Entries, then fromEntries: a name such as `__proto__` becomes an own property like any other.
  const out: [string, string | Uint8Array][] = [];
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- events come from AWS services and hand-written tests; a field the type says is always there may be missing
  for (const [name, attribute] of Object.entries(record.messageAttributes ?? {})) {
    if (attribute.dataType.startsWith('Binary') && typeof attribute.binaryValue === 'string') {
      out.push([name, decodeBase64(attribute.binaryValue, record.messageId)]);
    } else if (typeof attribute.stringValue === 'string') {
      out.push([name, attribute.stringValue]);
    }
  }
  return Object.fromEntries(out);
}

/** Decodes one SQS record; throws `RecordParseError` when its body does not decode. */
export function decodeSqsRecord<T>(record: SQSRecord, options: BodyOptions<T> = {}): SqsMessage<T> {
  const attributes = record.attributes;
  const groupId = attributes.MessageGroupId;
  return {
    kind: 'sqs',
    id: record.messageId,
    messageId: record.messageId,
    body: decodeBody<T>(record.body, record.messageId, options),
    text: record.body,
    attributes,
    messageAttributes: messageAttributes(record),
    fifo:
      groupId === undefined
        ? undefined
        : {
            messageGroupId: groupId,
            sequenceNumber: attributes.SequenceNumber ?? '',
            deduplicationId: attributes.MessageDeduplicationId,
          },
    receiveCount: Number(attributes.ApproximateReceiveCount),
    sentAt: new Date(Number(attributes.SentTimestamp)),
    queueArn: record.eventSourceARN,
    record,
  };
}
