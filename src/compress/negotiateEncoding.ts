import zlib from 'node:zlib';

/** A content coding `compress()` can produce. */
export type ContentCoding = 'zstd' | 'br' | 'gzip';

/**
 * The codings in the order the server prefers them when the caller weighs them equally:
 * zstd (fast at a ratio near brotli's), brotli, gzip (every client has it).
 */
export const DEFAULT_CODINGS: readonly ContentCoding[] = ['zstd', 'br', 'gzip'];

/** Whether this Node's zlib has zstd (added, as experimental, in Node 22.15.0 and 23.8.0; Node's zlib docs). */
export function zstdAvailable(): boolean {
  return typeof (zlib as { createZstdCompress?: unknown }).createZstdCompress === 'function';
}

/** The weight (`q`) of each coding named in an `Accept-Encoding` value, `*` included. RFC 9110 §12.5.3. */
function weights(acceptEncoding: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    if (!name) continue;
    let q = 1;
    for (const param of params) {
      const match = /^q=([0-9.]+)$/.exec(param);
      if (match) q = Math.min(1, Math.max(0, Number(match[1]) || 0));
    }
    out.set(name, q);
  }
  return out;
}

/**
 * Picks the content coding for a response from the request's `Accept-Encoding`: the one
 * the caller weighs highest among `offered` (zstd only where this Node has it), ties going
 * to the order of `offered`; `undefined` when the caller accepts none (or sent no header).
 *
 * @example
 * ```ts
 * negotiateEncoding('gzip, deflate, br;q=0.9'); // 'gzip'
 * negotiateEncoding('br, gzip');                // 'br'
 * negotiateEncoding(undefined);                 // undefined
 * ```
 */
export function negotiateEncoding(acceptEncoding: string | undefined, offered: readonly ContentCoding[] = DEFAULT_CODINGS): ContentCoding | undefined {
  if (acceptEncoding === undefined || acceptEncoding.trim() === '') return undefined;
  const q = weights(acceptEncoding);
  const star = q.get('*') ?? 0;
  let best: ContentCoding | undefined;
  let bestQ = 0;
  for (const coding of offered) {
    if (coding === 'zstd' && !zstdAvailable()) continue;
    const weight = q.get(coding) ?? (coding === 'gzip' ? q.get('x-gzip') : undefined) ?? star;
    if (weight > bestQ) {
      best = coding;
      bestQ = weight;
    }
  }
  return best;
}
