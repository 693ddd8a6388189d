import type { IncomingMessage } from 'node:http';

/** A request body read under a limit. */
export type RequestBody =
  | { readonly kind: 'complete'; readonly body: Buffer }
  | { readonly kind: 'tooLarge'; readonly size: number }
  | { readonly kind: 'aborted' };

/**
 * Reads a request body, stopping at `limit` bytes: a declared `Content-Length` over it
 * is refused before reading, and a body that grows past it stops being read (the request
 * is left paused: resume it to discard the rest, or close the connection).
 *
 * @example
 * ```ts
 * const read = await readRequestBody(req, INVOKE_REQUEST_MAX_BYTES);
 * if (read.kind === 'tooLarge') sendServiceError(res, 'RequestTooLargeException', '...');
 * ```
 */
export function readRequestBody(req: IncomingMessage, limit: number): Promise<RequestBody> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) return Promise.resolve({ kind: 'tooLarge', size: declared });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.byteLength;
      if (size > limit) {
        req.off('data', onData);
        req.pause();
        resolve({ kind: 'tooLarge', size });
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(size > limit ? { kind: 'tooLarge', size } : { kind: 'complete', body: Buffer.concat(chunks) }));
    req.on('error', () => resolve({ kind: 'aborted' }));
    req.on('close', () => {
      if (!req.complete) resolve({ kind: 'aborted' });
    });
  });
}
