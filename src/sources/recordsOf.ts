import type { EventSource } from './detectSource.js';
import { assertSource } from './assertSource.js';

/**
 * The `Records` of an event from one of `expected` (an empty batch is accepted as-is);
 * throws `EventSourceMismatchError` for any other event.
 */
export function recordsOf<R>(event: unknown, expected: readonly EventSource[]): readonly R[] {
  const records = (event as { Records?: unknown } | null)?.Records;
  if (Array.isArray(records) && records.length === 0) return [];
  assertSource(event, expected);
  return records as R[];
}
