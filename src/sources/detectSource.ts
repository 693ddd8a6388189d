/**
 * The event sources rx-lambda recognises, plus `'unknown'`.
 *
 * - `apigw-rest`: API Gateway REST API (payload format 1.0)
 * - `apigw-http`: API Gateway HTTP API (payload format 2.0)
 * - `function-url`: Lambda Function URL (payload format 2.0 on a `*.lambda-url.*` domain)
 * - `schedule`: an EventBridge scheduled rule (`Scheduled Event` from `aws.events`)
 */
export type EventSource =
  | 'sqs'
  | 'sns'
  | 'eventbridge'
  | 'schedule'
  | 'apigw-rest'
  | 'apigw-http'
  | 'function-url'
  | 'alb'
  | 'dynamodb'
  | 'kinesis'
  | 's3'
  | 'unknown';

/** `Records[].eventSource` values of the record-based sources. Source: AWS event samples. */
const RECORD_SOURCES: Readonly<Record<string, EventSource>> = {
  'aws:sqs': 'sqs',
  'aws:kinesis': 'kinesis',
  'aws:dynamodb': 'dynamodb',
  'aws:s3': 's3',
  'aws:sns': 'sns',
};

/** Part of the host name of every Function URL: `<url-id>.lambda-url.<region>.on.aws`. */
const FUNCTION_URL_HOST_MARKER = '.lambda-url.';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function recordSource(records: unknown): EventSource {
  if (!Array.isArray(records) || records.length === 0) return 'unknown';
  const first: unknown = records[0];
  if (!isObject(first)) return 'unknown';
  // SNS spells it `EventSource`; SQS, Kinesis, DynamoDB and S3 spell it `eventSource`.
  const tag = typeof first.eventSource === 'string' ? first.eventSource : first.EventSource;
  return typeof tag === 'string' ? (RECORD_SOURCES[tag] ?? 'unknown') : 'unknown';
}

function httpSource(event: Record<string, unknown>): EventSource {
  const rc = event.requestContext;
  if (!isObject(rc)) return 'unknown';
  // ALB first: its events also carry `httpMethod`.
  if (isObject(rc.elb)) return 'alb';
  if (event.version === '2.0' && isObject(rc.http)) {
    const domain = typeof rc.domainName === 'string' ? rc.domainName : '';
    return domain.includes(FUNCTION_URL_HOST_MARKER) ? 'function-url' : 'apigw-http';
  }
  if (typeof event.httpMethod === 'string' && typeof rc.resourceId === 'string') return 'apigw-rest';
  return 'unknown';
}

/**
 * Tells which AWS service produced a Lambda event, from its discriminating fields.
 * Never throws: anything it does not recognise is `'unknown'`.
 *
 * @example
 * ```ts
 * import { detectSource } from 'rx-lambda/sources';
 * detectSource({ Records: [{ eventSource: 'aws:sqs', messageId: '1', body: '{}' }] }); // 'sqs'
 * detectSource({ version: '2.0', requestContext: { http: { method: 'GET' }, domainName: 'abc.lambda-url.eu-west-1.on.aws' } }); // 'function-url'
 * detectSource(42); // 'unknown'
 * ```
 */
export function detectSource(event: unknown): EventSource {
  if (!isObject(event)) return 'unknown';
  if ('Records' in event) return recordSource(event.Records);
  if (typeof event['detail-type'] === 'string' && typeof event.source === 'string') {
    return event['detail-type'] === 'Scheduled Event' && event.source === 'aws.events' ? 'schedule' : 'eventbridge';
  }
  return httpSource(event);
}
