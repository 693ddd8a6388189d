import type { Writable } from 'node:stream';

/**
 * A log function that writes lines to `stream` without letting a slow reader (a paused
 * terminal, a full pipe) grow the emulator's memory: while more than `maxBufferedBytes`
 * wait in the stream's buffer, lines are dropped and counted, and once the stream drains a
 * notice says how many were lost.
 *
 * @example
 * ```ts
 * const log = boundedLineWriter(process.stderr, CONSOLE_BUFFER_MAX_BYTES);
 * log('[fn] hello');
 * ```
 */
export function boundedLineWriter(output: NodeJS.WritableStream, maxBufferedBytes: number): (line: string) => void {
  // Streams that are not node:stream Writables (no buffer to see) are written to as they are.
  const stream = output as NodeJS.WritableStream & Partial<Pick<Writable, 'writableLength' | 'destroyed' | 'writableEnded'>>;
  let dropped = 0;
  const notice = (): void => {
    if (dropped === 0) return;
    const count = dropped;
    dropped = 0;
    stream.write(`[emulator] ${count} line${count === 1 ? '' : 's'} of output dropped: the console did not keep up\n`);
  };
  return (line) => {
    if (stream.destroyed || stream.writableEnded) return;
    if ((stream.writableLength ?? 0) > maxBufferedBytes) {
      if (dropped++ === 0) stream.once('drain', notice);
      return;
    }
    notice();
    stream.write(`${line}\n`);
  };
}
