import type { ServerResponse } from 'node:http';
import type { EventEmitter } from 'node:events';

/** A promise settled at the first of `events` on `emitter` (or `close` on `res`). */
function settledOn(emitter: EventEmitter, event: string, res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      emitter.off(event, done);
      res.off('close', done);
      resolve();
    };
    emitter.on(event, done);
    res.on('close', done);
  });
}

/**
 * Writes to a caller's response, resolving a returned promise once the socket drains (or
 * closes), so a slow caller slows the runtime instead of filling memory.
 *
 * Several parts (e.g. a frame's head, its payload, its CRC) are written corked: with
 * chunked encoding they leave as one HTTP chunk, and none of them is copied into another
 * buffer. Their backpressure is read from the socket (its buffered bytes against its high
 * water mark, then its `drain`): a corked `write()` returns false for any part larger than
 * the high water mark even when the socket took everything, and the response then never
 * emits `drain`.
 *
 * @example
 * ```ts
 * const pending = writeWithBackpressure(res, [head, payload, crc]);
 * if (pending) await pending;
 * ```
 */
export function writeWithBackpressure(res: ServerResponse, bytes: Uint8Array | readonly Uint8Array[]): Promise<void> | undefined {
  if (res.destroyed || res.writableEnded) return undefined;
  if (bytes instanceof Uint8Array) return res.write(bytes) ? undefined : settledOn(res, 'drain', res);
  res.cork();
  for (const part of bytes) res.write(part);
  res.uncork();
  const socket = res.socket;
  if (!socket || socket.destroyed || socket.writableLength < socket.writableHighWaterMark) return undefined;
  return settledOn(socket, 'drain', res);
}
