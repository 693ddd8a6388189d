import type { Readable } from 'node:stream';
import type { Observable } from 'rxjs';
import { pull } from './pull.js';

/**
 * A Node `Readable` as a pull source (see `pull`): read only as fast as the response
 * socket drains; unsubscribing destroys the stream. Buffers and strings pass through as
 * body chunks.
 *
 * @example
 * ```ts
 * import { createReadStream } from 'node:fs';
 * import { concat, of } from 'rxjs';
 * import { fromReadable, head } from 'rx-lambda';
 * export const handler = () =>
 *   concat(of(head({ statusCode: 200, headers: { 'content-type': 'video/mp4' } })), fromReadable(createReadStream('big.mp4')));
 * ```
 */
export function fromReadable<T = Buffer>(readable: Readable): Observable<T> {
  return pull<T>(readable as AsyncIterable<T>);
}
