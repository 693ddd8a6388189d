import type { ServerResponse } from 'node:http';

/**
 * Writes to a caller's response, resolving a returned promise once the socket drains (or
 * closes), so a slow caller slows the runtime instead of filling memory.
 *
 * @example
 * ```ts
 * const pending = writeWithBackpressure(res, frame);
 * if (pending) await pending;
 * ```
 */
export function writeWithBackpressure(res: ServerResponse, bytes: Uint8Array): Promise<void> | undefined {
  if (res.destroyed || res.writableEnded) return undefined;
  if (res.write(bytes)) return undefined;
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
