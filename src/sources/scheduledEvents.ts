import type { EventBridgeEvent } from 'aws-lambda';
import { map, type OperatorFunction } from 'rxjs';
import { assertSource } from './assertSource.js';
import { decodeScheduledEvent, type ScheduledTick } from './decodeEventBridgeEvent.js';

/**
 * Turns scheduled-rule events into ticks with the firing time and rule name.
 *
 * @example
 * ```ts
 * import { mergeMap, of } from 'rxjs';
 * import { scheduledEvents } from 'rx-lambda/sources';
 * export const handler = (event: ScheduledEvent) =>
 *   of(event).pipe(scheduledEvents(), mergeMap((tick) => buildReport(tick.time)));
 * ```
 */
export function scheduledEvents(): OperatorFunction<EventBridgeEvent<'Scheduled Event', unknown>, ScheduledTick> {
  return map((event) => {
    assertSource(event, ['schedule']);
    return decodeScheduledEvent(event);
  });
}
