import { Observable } from 'rxjs';

/**
 * Mirrors `source` until `signal` aborts; then unsubscribes from it (aborting its request)
 * and errors with `signal.reason`.
 *
 * @example
 * ```ts
 * withSignal(invokeStream({ functionName: 'fn' }), AbortSignal.timeout(5000));
 * ```
 */
export function withSignal<T>(source: Observable<T>, signal: AbortSignal | undefined): Observable<T> {
  if (!signal) return source;
  return new Observable<T>((subscriber) => {
    if (signal.aborted) {
      subscriber.error(signal.reason);
      return;
    }
    const onAbort = (): void => subscriber.error(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    const inner = source.subscribe(subscriber);
    return () => {
      signal.removeEventListener('abort', onAbort);
      inner.unsubscribe();
    };
  });
}
