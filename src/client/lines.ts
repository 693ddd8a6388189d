import { Observable, type OperatorFunction } from 'rxjs';
import { LineTooLongError } from '../errors.js';
import { DEFAULT_MAX_LINE_CHARS } from '../limits.js';
import type { ByteSource } from './StreamEvent.js';
import { textPieces } from './text.js';

/** Options of `lines()` and `ndjson()`. */
export interface LinesOptions {
  /** Longest line held, in characters; a longer one errors with `LineTooLongError`. Default 8 Mi (`DEFAULT_MAX_LINE_CHARS`). */
  readonly maxLineLength?: number;
}

/**
 * The body split into lines, each emitted as soon as its end arrives. Lines end at LF,
 * CRLF or CR (a CRLF split across chunks counts once); terminators are not included; a
 * last line without a terminator is emitted at completion. Accepts events, bytes, or text
 * (e.g. after `text()`). A line longer than `maxLineLength` characters errors with
 * `LineTooLongError` instead of growing without bound.
 *
 * @example
 * ```ts
 * invokeStream({ functionName: 'logs' }).pipe(lines({ maxLineLength: 64 * 1024 })).subscribe((line) => console.log(line));
 * ```
 */
export function lines(options: LinesOptions = {}): OperatorFunction<ByteSource | string, string> {
  const max = options.maxLineLength ?? DEFAULT_MAX_LINE_CHARS;
  return (source) =>
    new Observable<string>((subscriber) => {
      let pending = '';
      /** The previous piece ended with CR: an LF starting the next one belongs to it. */
      let afterCr = false;
      const re = /[\r\n]/g;
      return source.pipe(textPieces()).subscribe({
        next(piece) {
          let start = 0;
          if (afterCr) {
            afterCr = false;
            if (piece.charCodeAt(0) === 10) start = 1;
          }
          re.lastIndex = start;
          for (let match = re.exec(piece); match; match = re.exec(piece)) {
            let end = match.index;
            const line = pending + piece.slice(start, end);
            if (line.length > max) {
              subscriber.error(new LineTooLongError(max));
              return;
            }
            subscriber.next(line);
            if (subscriber.closed) return;
            pending = '';
            if (piece.charCodeAt(end) === 13) {
              if (end + 1 === piece.length) afterCr = true;
              else if (piece.charCodeAt(end + 1) === 10) end++;
            }
            start = end + 1;
            re.lastIndex = start;
          }
          pending += piece.slice(start);
          if (pending.length > max) subscriber.error(new LineTooLongError(max));
        },
        error: (error: unknown) => subscriber.error(error),
        complete() {
          if (pending) subscriber.next(pending);
          subscriber.complete();
        },
      });
    });
}
