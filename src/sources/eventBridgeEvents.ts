import type { EventBridgeEvent } from 'aws-lambda';
import { map, type OperatorFunction } from 'rxjs';
import { assertSource } from './assertSource.js';
import { decodeEventBridgeEvent, type EventBridgeMessage } from './decodeEventBridgeEvent.js';

/**
 * Turns EventBridge events (scheduled ones included) into messages with a typed `detail`;
 * `options.parse` (a schema's `parse`) checks it, and a throw errors with `RecordParseError`.
 *
 * @example
 * ```ts
 * import { of } from 'rxjs';
 * import { eventBridgeEvents } from 'rx-lambda/sources';
 * of(event).pipe(eventBridgeEvents<OrderPlaced>()).subscribe((e) => console.log(e.detailType, e.detail.orderId));
 * ```
 */
export function eventBridgeEvents<T = unknown>(
  options: { readonly parse?: (detail: unknown) => T } = {},
): OperatorFunction<EventBridgeEvent<string, unknown>, EventBridgeMessage<T>> {
  return map((event) => {
    assertSource(event, ['eventbridge', 'schedule']);
    return decodeEventBridgeEvent<T>(event, options.parse);
  });
}
