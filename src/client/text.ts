import { Observable, type OperatorFunction } from 'rxjs';
import { bytesOf } from './bytesOf.js';
import type { ByteSource } from './StreamEvent.js';

/** Like `text()`, but strings (already decoded text) pass through as they are. */
export function textPieces(): OperatorFunction<ByteSource | string, string> {
  return (source) =>
    new Observable<string>((subscriber) => {
      const decoder = new TextDecoder('utf-8');
      return source.subscribe({
        next(value) {
          let piece: string;
          try {
            if (typeof value === 'string') piece = value;
            else {
              const bytes = bytesOf(value);
              piece = bytes ? decoder.decode(bytes, { stream: true }) : '';
            }
          } catch (error) {
            subscriber.error(error);
            return;
          }
          if (piece) subscriber.next(piece);
        },
        error: (error: unknown) => subscriber.error(error),
        complete() {
          const rest = decoder.decode();
          if (rest) subscriber.next(rest);
          subscriber.complete();
        },
      });
    });
}

/**
 * The body as UTF-8 text, piece by piece as bytes arrive. A character split across chunks
 * is held until it is whole; invalid bytes become U+FFFD; a leading BOM is dropped.
 * Errors like `payload()` (a function error is a `FunctionError`).
 *
 * @example
 * ```ts
 * invokeStream({ functionName: 'fn' }).pipe(text()).subscribe((piece) => process.stdout.write(piece));
 * ```
 */
export function text(): OperatorFunction<ByteSource, string> {
  return textPieces();
}
