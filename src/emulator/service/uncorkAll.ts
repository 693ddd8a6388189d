import type { ServerResponse } from 'node:http';

/**
 * Flushes whatever is corked on a response (every `cork()` undone). Call it before `end()`:
 * ending a corked chunked response sends the terminating chunk before the corked bytes.
 *
 * @example
 * ```ts
 * uncorkAll(res);
 * res.end(lastFrame);
 * ```
 */
export function uncorkAll(res: ServerResponse): void {
  while (res.writableCorked > 0) res.uncork();
}
