import { map, type OperatorFunction } from 'rxjs';

/**
 * Turns a stream of values into NDJSON body chunks: one `JSON.stringify(value) + '\n'`
 * per value. Use it to stream many objects from a handler (a bare object emission is a
 * JSON result and must be the only one).
 *
 * @example
 * ```ts
 * import { concat, of, from } from 'rxjs';
 * import { head, ndjson } from 'rx-lambda';
 * export const handler = () => concat(
 *   of(head({ statusCode: 200, headers: { 'content-type': 'application/x-ndjson' } })),
 *   from([{ n: 1 }, { n: 2 }]).pipe(ndjson()),
 * );
 * ```
 */
export function ndjson<T>(): OperatorFunction<T, string> {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- JSON.stringify returns undefined for undefined and functions, which its lib type omits
  return map((value) => `${JSON.stringify(value) ?? 'null'}\n`);
}
