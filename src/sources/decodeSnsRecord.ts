import type { SNSEventRecord, SQSRecord } from 'aws-lambda';
import { RecordParseError } from '../errors.js';
import { decodeBase64, decodeBody, type BodyOptions } from './decodeBody.js';
import { decodeSqsRecord, type SqsMessage } from './decodeSqsRecord.js';

/**
 * An SNS notification decoded, delivered by SNS directly or wrapped in an SQS message body
 * (an SNS subscription to a queue without raw message delivery).
 */
export interface SnsMessage<T = string> {
  readonly kind: 'sns';
  /** The id that identifies it in its batch: the SQS message id when wrapped, else the SNS message id. */
  readonly id: string;
  /** The SNS message id. */
  readonly messageId: string;
  readonly topicArn: string;
  readonly subject: string | undefined;
  /** The message decoded per the options: the text by default. */
  readonly body: T;
  /** The message exactly as published. */
  readonly text: string;
  /** Message attributes: `Binary` as bytes, every other type as its string. */
  readonly messageAttributes: Readonly<Record<string, string | Uint8Array>>;
  readonly timestamp: Date;
  /** The SQS message that carried it, when it came through a queue. */
  readonly sqs: SqsMessage | undefined;
  /** The SNS record, when SNS invoked the function directly. */
  readonly record: SNSEventRecord | undefined;
}

interface Envelope {
  readonly MessageId: string;
  readonly TopicArn: string;
  readonly Subject?: string | null;
  readonly Message: string;
  readonly Timestamp: string;
  readonly MessageAttributes?: Readonly<Record<string, { readonly Type: string; readonly Value: string }>>;
}

function attributes(envelope: Envelope, recordId: string): Record<string, string | Uint8Array> {
  // fromEntries: a name such as `__proto__` becomes an own property like any other.
  return Object.fromEntries(
    Object.entries(envelope.MessageAttributes ?? {}).map(([name, attribute]) => [
      name,
      attribute.Type === 'Binary' ? decodeBase64(attribute.Value, recordId) : attribute.Value,
    ]),
  );
}

function fromEnvelope<T>(
  envelope: Envelope,
  id: string,
  options: BodyOptions<T>,
  via: { sqs?: SqsMessage; record?: SNSEventRecord },
): SnsMessage<T> {
  return {
    kind: 'sns',
    id,
    messageId: envelope.MessageId,
    topicArn: envelope.TopicArn,
    subject: envelope.Subject ?? undefined,
    body: decodeBody<T>(envelope.Message, id, options),
    text: envelope.Message,
    messageAttributes: attributes(envelope, id),
    timestamp: new Date(envelope.Timestamp),
    sqs: via.sqs,
    record: via.record,
  };
}

function isEnvelope(value: unknown): value is Envelope {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    v.Type === 'Notification' &&
    typeof v.MessageId === 'string' &&
    typeof v.TopicArn === 'string' &&
    typeof v.Message === 'string'
  );
}

/** Decodes the SNS record of an SNS event. */
export function decodeSnsRecord<T>(record: SNSEventRecord, options: BodyOptions<T> = {}): SnsMessage<T> {
  return fromEnvelope(record.Sns, record.Sns.MessageId, options, { record });
}

/**
 * Decodes the SNS notification in an SQS message body; throws `RecordParseError` when the
 * body is not one (for example with raw message delivery turned on).
 */
export function decodeSnsInSqsRecord<T>(record: SQSRecord, options: BodyOptions<T> = {}): SnsMessage<T> {
  const sqs = decodeSqsRecord<string>(record);
  let envelope: unknown;
  try {
    envelope = JSON.parse(record.body);
  } catch (error) {
    throw new RecordParseError(`record ${record.messageId} does not hold an SNS notification`, record.messageId, { cause: error });
  }
  if (!isEnvelope(envelope)) {
    throw new RecordParseError(`record ${record.messageId} does not hold an SNS notification`, record.messageId);
  }
  return fromEnvelope(envelope, record.messageId, options, { sqs });
}
