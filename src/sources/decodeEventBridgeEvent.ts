import type { EventBridgeEvent } from 'aws-lambda';
import { decodeBody } from './decodeBody.js';

/** An EventBridge event with its `detail` typed (and checked, when `parse` is given). */
export interface EventBridgeMessage<T = unknown> {
  readonly kind: 'eventbridge';
  readonly id: string;
  readonly detailType: string;
  /** The producer, for example `aws.s3` or `com.example.orders`. */
  readonly source: string;
  readonly account: string;
  readonly region: string;
  readonly time: Date;
  readonly resources: readonly string[];
  readonly detail: T;
  /** The event as Lambda delivered it. */
  readonly event: EventBridgeEvent<string, unknown>;
}

/** A scheduled EventBridge rule firing. */
export interface ScheduledTick {
  readonly kind: 'schedule';
  readonly id: string;
  /** When the rule fired (the event's `time`). */
  readonly time: Date;
  /** The rule's ARN (the event's first resource), or `undefined`. */
  readonly ruleArn: string | undefined;
  /** The rule's name, from its ARN. */
  readonly ruleName: string | undefined;
  readonly account: string;
  readonly region: string;
  /** The event as Lambda delivered it. */
  readonly event: EventBridgeEvent<'Scheduled Event', unknown>;
}

/** Decodes an EventBridge event, passing `detail` through `parse` when given. */
export function decodeEventBridgeEvent<T>(
  event: EventBridgeEvent<string, unknown>,
  parse?: (detail: unknown) => T,
): EventBridgeMessage<T> {
  return {
    kind: 'eventbridge',
    id: event.id,
    detailType: event['detail-type'],
    source: event.source,
    account: event.account,
    region: event.region,
    time: new Date(event.time),
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- events come from AWS services and hand-written tests; a field the type says is always there may be missing
    resources: event.resources ?? [],
    detail: decodeBody<T>(event.detail, event.id, { parse }),
    event,
  };
}

/** Decodes a scheduled-rule event. */
export function decodeScheduledEvent(event: EventBridgeEvent<'Scheduled Event', unknown>): ScheduledTick {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- events come from AWS services and hand-written tests; a field the type says is always there may be missing
  const ruleArn = event.resources?.[0];
  const ruleName = ruleArn?.slice(ruleArn.lastIndexOf('/') + 1);
  return {
    kind: 'schedule',
    id: event.id,
    time: new Date(event.time),
    ruleArn,
    ruleName,
    account: event.account,
    region: event.region,
    event,
  };
}
