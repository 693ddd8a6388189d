import type {
  ALBEvent,
  APIGatewayProxyEvent,
  APIGatewayProxyEventV2,
  DynamoDBStreamEvent,
  EventBridgeEvent,
  KinesisStreamEvent,
  LambdaFunctionURLEvent,
  S3Event,
  SNSEvent,
  SQSEvent,
} from 'aws-lambda';
import { throwError } from 'rxjs';
import { UnknownEventSourceError } from '../errors.js';
import type { Handler } from '../handler.js';
import { detectSource, type EventSource } from './detectSource.js';

/** Any event `httpRequest()` accepts. */
// eslint-disable-next-line @typescript-eslint/no-duplicate-type-constituents -- LambdaFunctionURLEvent is the same shape as APIGatewayProxyEventV2 today; it is named so readers see Function URLs are accepted
export type HttpEvent = APIGatewayProxyEvent | APIGatewayProxyEventV2 | LambdaFunctionURLEvent | ALBEvent;

/**
 * One handler per event source. `http` catches the four HTTP sources not given their own
 * entry, `eventbridge` catches schedules when there is no `schedule` entry, and `default`
 * catches everything else.
 */
export interface Routes {
  readonly sqs?: Handler<SQSEvent>;
  readonly sns?: Handler<SNSEvent>;
  readonly eventbridge?: Handler<EventBridgeEvent<string, unknown>>;
  readonly schedule?: Handler<EventBridgeEvent<'Scheduled Event', unknown>>;
  readonly 'apigw-rest'?: Handler<APIGatewayProxyEvent>;
  readonly 'apigw-http'?: Handler<APIGatewayProxyEventV2>;
  readonly 'function-url'?: Handler<LambdaFunctionURLEvent>;
  readonly alb?: Handler<ALBEvent>;
  /** Every HTTP source without its own entry: normalise with `httpRequest(event)`. */
  readonly http?: Handler<HttpEvent>;
  readonly dynamodb?: Handler<DynamoDBStreamEvent>;
  readonly kinesis?: Handler<KinesisStreamEvent>;
  readonly s3?: Handler<S3Event>;
  /** Any event no other entry takes, `'unknown'` ones included. */
  readonly default?: Handler<unknown>;
}

/** The fallback entry of each source, tried after its own entry. */
const FAMILY: Partial<Record<EventSource, 'http' | 'eventbridge'>> = {
  'apigw-rest': 'http',
  'apigw-http': 'http',
  'function-url': 'http',
  alb: 'http',
  schedule: 'eventbridge',
};

/** Top-level keys an `UnknownEventSourceError` names, at most. */
const MAX_KEYS_REPORTED = 10;

/**
 * One handler for several triggers: picks the entry for the event's source
 * (`detectSource`), then its family (`http`, `eventbridge`), then `default`. With none of
 * these the handler errors with `UnknownEventSourceError` naming the source and the
 * event's top-level keys.
 *
 * @example
 * ```ts
 * import { of } from 'rxjs';
 * import { head } from 'rx-lambda';
 * import { httpRequest, partialBatch, route } from 'rx-lambda/sources';
 * export const handler = route({
 *   sqs: partialBatch((message) => process(message), { concurrency: 8 }),
 *   http: (event) => of(head({ statusCode: 200 }), `hello ${httpRequest(event).path}`),
 *   schedule: () => of({ ok: true }),
 * });
 * ```
 */
export function route(routes: Routes): Handler<unknown> {
  return (event, context) => {
    const source = detectSource(event);
    const family = FAMILY[source];
    const entry = (routes[source as keyof Routes] ?? (family && routes[family]) ?? routes.default) as
      | Handler<unknown>
      | undefined;
    if (entry !== undefined) return entry(event, context);
    const keys = typeof event === 'object' && event !== null ? Object.keys(event).slice(0, MAX_KEYS_REPORTED) : [];
    return throwError(() => new UnknownEventSourceError(source, keys));
  };
}
