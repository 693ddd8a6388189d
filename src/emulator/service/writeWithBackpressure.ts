import type { ServerResponse } from 'node:http';
import type { EventEmitter } from 'node:events';
import { uncorkAll } from './uncorkAll.js';

/** A promise settled at the first `event` on `emitter` (or `close` on `res`). */
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

/** Settles once the response's socket has room again (at once when it has), or the response closes. */
function socketRoom(res: ServerResponse): Promise<void> {
  const socket = res.socket;
  if (!socket || socket.destroyed || socket.writableLength < socket.writableHighWaterMark) return Promise.resolve();
  return settledOn(socket, 'drain', res);
}

/**
 * Writes to a caller's response, resolving a returned promise once the socket drains (or
 * closes), so a slow caller slows the runtime instead of filling memory.
 *
 * Several parts (e.g. a frame's head, its payload, its CRC) are written corked until the end
 * of the current tick, as Node corks its own writes: what is written in one tick leaves as
 * one HTTP chunk in one system call, and no part is copied into another buffer. Call
 * `uncorkAll(res)` before `res.end()` in the same tick. Backpressure of corked parts is read
 * from the socket once they are flushed (a corked `write()` returns false for any part
 * larger than the high water mark even when the socket then takes everything, and the
 * response does not emit `drain` for that).
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
  if (res.writableCorked === 0) {
    res.cork();
    process.nextTick(uncorkAll, res);
  }
  for (const part of bytes) res.write(part);
  if (res.writableLength < res.writableHighWaterMark) return undefined;
  // Checked after the flush at the end of this tick (queued after it, so it runs after it).
  return new Promise((resolve) => process.nextTick(() => void socketRoom(res).then(resolve)));
}
