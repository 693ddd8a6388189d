import { MAX_TIMER_DELAY_MS } from '../limits.js';

/**
 * A deadline no further away than a timer can wait: one more than `MAX_TIMER_DELAY_MS`
 * ahead (about 24.8 days) is brought to that, since Node fires a longer timer at once and
 * the invocation would be stopped as if its deadline had passed.
 *
 * @example
 * ```ts
 * clampDeadline(Date.now() + 30 * 86_400_000); // Date.now() + 2_147_483_647
 * ```
 */
export function clampDeadline(deadlineMs: number, now = Date.now()): number {
  return Math.min(deadlineMs, now + MAX_TIMER_DELAY_MS);
}
