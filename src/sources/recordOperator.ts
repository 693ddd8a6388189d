import { concatMap, from, map, type OperatorFunction } from 'rxjs';
import type { EventSource } from './detectSource.js';
import { recordsOf } from './recordsOf.js';

/**
 * An operator from events of `expected` sources to their decoded records, in order.
 * A record that does not decode errors the stream after the records before it.
 */
export function recordOperator<E, Raw, R>(
  expected: readonly EventSource[],
  decode: (record: Raw, event: E) => R,
): OperatorFunction<E, R> {
  return concatMap((event: E) => from(recordsOf<Raw>(event, expected)).pipe(map((record) => decode(record, event))));
}
