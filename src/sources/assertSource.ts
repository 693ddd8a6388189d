import { EventSourceMismatchError } from '../errors.js';
import { detectSource, type EventSource } from './detectSource.js';

/** Returns the event's source when it is one of `expected`; throws `EventSourceMismatchError` otherwise. */
export function assertSource<S extends EventSource>(event: unknown, expected: readonly S[]): S {
  const actual = detectSource(event);
  if (!(expected as readonly EventSource[]).includes(actual)) throw new EventSourceMismatchError(expected, actual);
  return actual as S;
}
