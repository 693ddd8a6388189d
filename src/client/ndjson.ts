import { Observable, type OperatorFunction } from 'rxjs';
import { NdjsonParseError } from '../errors.js';
import { lines, type LinesOptions } from './lines.js';
import type { ByteSource } from './StreamEvent.js';

/**
 * The body as newline-delimited JSON: one value per non-blank line, emitted as soon as the
 * line is whole. A line that is not JSON errors with `NdjsonParseError` (its text and
 * 1-based number); a line over `maxLineLength` characters errors with `LineTooLongError`.
 * The type parameter is not checked at run time.
 *
 * @example
 * ```ts
 * invokeStream({ functionName: 'rows' }).pipe(ndjson<{ id: string }>()).subscribe((row) => console.log(row.id));
 * ```
 */
export function ndjson<T = unknown>(options: LinesOptions = {}): OperatorFunction<ByteSource | string, T> {
  return (source) =>
    new Observable<T>((subscriber) => {
      let lineNumber = 0;
      return source.pipe(lines(options)).subscribe({
        next(line) {
          lineNumber++;
          if (line.trim() === '') return;
          let value: T;
          try {
            value = JSON.parse(line) as T;
          } catch (cause) {
            subscriber.error(new NdjsonParseError(line, lineNumber, { cause }));
            return;
          }
          subscriber.next(value);
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      });
    });
}
