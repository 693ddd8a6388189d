import { Observable, type OperatorFunction } from 'rxjs';
import { bytesOf } from './bytesOf.js';
import type { ByteSource } from './StreamEvent.js';

/**
 * The body bytes of a response, in order: the payload of each `PayloadChunk` (plain
 * `Uint8Array`s pass through, `Head` events are skipped). An `InvokeComplete` with an
 * `errorCode` errors with `FunctionError` (its `errorCode`, `errorDetails`, `logResult`).
 *
 * @example
 * ```ts
 * invokeStream({ functionName: 'fn' }).pipe(payload()).subscribe((bytes) => process.stdout.write(bytes));
 * ```
 */
export function payload(): OperatorFunction<ByteSource, Uint8Array> {
  return (source) =>
    new Observable<Uint8Array>((subscriber) =>
      source.subscribe({
        next(value) {
          let bytes: Uint8Array | undefined;
          try {
            bytes = bytesOf(value);
          } catch (error) {
            subscriber.error(error);
            return;
          }
          if (bytes) subscriber.next(bytes);
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      }),
    );
}
