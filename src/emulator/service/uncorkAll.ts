import type { ServerResponse } from 'node:http';

/**
 * Flushes whatever is corked on a response (every `cork()` undone), with its socket corked
 * meanwhile so the chunk's size line, parts and CRLF leave in one `writev` instead of one
 * system call each. Call it before `end()`: ending a corked chunked response sends the
 * terminating chunk before the corked bytes.
 *
 * @example
 * ```ts
 * uncorkAll(res);
 * res.end(lastFrame);
 * ```
 */
export function uncorkAll(res: ServerResponse): void {
  if (res.writableCorked === 0) return;
  const socket = res.socket;
  socket?.cork();
  while (res.writableCorked > 0) res.uncork();
  socket?.uncork();
}
