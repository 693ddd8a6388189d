/** How long a test waits for a server event before it fails with a message, ms (10 s: far above a loopback round trip or a cold start on a busy machine, below mocha's 20 s). */
export const WAIT_DEADLINE_MS = 10_000;

/** A wait that ran past its deadline; the message names what was awaited. */
export class WaitDeadlineError extends Error {
  override readonly name = 'WaitDeadlineError';
}

/**
 * Resolves as `promise` does, or rejects with `WaitDeadlineError` naming `what` once
 * `ms` pass first: a test that waits for a server event fails fast and says what it
 * waited for, instead of running into mocha's timeout.
 *
 * @example
 * ```ts
 * const request = await withDeadline(api.waitFor(isResponse), 'the /response of req-1');
 * ```
 */
export function withDeadline<T>(promise: Promise<T>, what: string, ms = WAIT_DEADLINE_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new WaitDeadlineError(`waited ${ms} ms for ${what}; it did not happen`)), ms);
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}
