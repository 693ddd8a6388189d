import { Observable, type MonoTypeOperatorFunction, type Subscription } from 'rxjs';
import { InvalidEmissionError } from '../errors.js';
import { fromWebResponse, isWebResponse } from './fromWebResponse.js';

/**
 * Replaces a web `Response` among a handler's emissions with its head and body (see
 * `fromWebResponse`); every other value passes straight through, at the cost of one type
 * check. The source completes only after the body has. A value that arrives while a
 * `Response` body is still being read errors with `InvalidEmissionError`: like a JSON
 * result, a `Response` is the whole answer.
 *
 * @example
 * ```ts
 * of(new Response('hi')).pipe(expandWebResponses()).subscribe(console.log); // head, then the bytes of 'hi'
 * ```
 */
export function expandWebResponses<T>(): MonoTypeOperatorFunction<T> {
  return (source) =>
    new Observable<T>((subscriber) => {
      let body: Subscription | undefined;
      let reading = false;
      let sourceDone = false;
      const subscription = source.subscribe({
        next(value) {
          if (reading) {
            subscriber.error(new InvalidEmissionError('a handler emitted a value after a web Response; a Response must be its only emission'));
          } else if (value instanceof Uint8Array || typeof value !== 'object' || !isWebResponse(value)) {
            subscriber.next(value);
          } else {
            reading = true;
            body = fromWebResponse(value).subscribe({
              next: (part) => subscriber.next(part as T),
              error: (error: unknown) => subscriber.error(error),
              complete: () => {
                reading = false;
                if (sourceDone) subscriber.complete();
              },
            });
          }
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => {
          sourceDone = true;
          if (!reading) subscriber.complete();
        },
      });
      return () => {
        subscription.unsubscribe();
        body?.unsubscribe();
      };
    });
}
