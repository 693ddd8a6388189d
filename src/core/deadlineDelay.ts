import { MAX_TIMER_DELAY_MS } from '../limits.js';

/**
 * How long before Lambda's deadline the core stops a handler and reports the timeout, ms
 * (100): enough for one loopback POST even on a busy event loop, so the report always lands
 * before the deadline.
 */
export const DEADLINE_MARGIN_MS = 100;


/**
 * Milliseconds from `now` until the handler must stop: the deadline less the margin,
 * clamped to what a timer can wait (a deadline weeks away must not fire at once).
 *
 * @example
 * ```ts
 * deadlineDelay(10_000, 7_000); // 2900
 * ```
 */
export function deadlineDelay(deadlineMs: number, now: number): number {
  const delay = deadlineMs - DEADLINE_MARGIN_MS - now;
  if (Number.isNaN(delay)) return MAX_TIMER_DELAY_MS;
  return Math.min(MAX_TIMER_DELAY_MS, Math.max(0, delay));
}
