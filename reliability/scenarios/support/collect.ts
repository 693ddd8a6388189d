import type { Observable } from 'rxjs';

/** Everything an Observable did: its values, and its error if it failed. */
export interface Collected<T> {
  readonly values: T[];
  readonly error?: unknown;
}

/** Subscribes once, calling `onValue` for each value, and resolves when `source` ends. */
export function collect<T>(source: Observable<T>, onValue: (value: T) => void = () => undefined): Promise<Collected<T>> {
  return new Promise((resolve) => {
    const values: T[] = [];
    source.subscribe({
      next: (value) => {
        values.push(value);
        onValue(value);
      },
      error: (error: unknown) => resolve({ values, error }),
      complete: () => resolve({ values }),
    });
  });
}

/** The name of an error, or a description of a non-error. */
export function nameOf(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : `non-error ${String(error)}`;
}
