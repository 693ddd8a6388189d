import { Observable, type OperatorFunction } from 'rxjs';
import type { Handler } from '../handler.js';
import { head, isHead, type HeadEmission } from '../head.js';
import { FLOW_CONTROL } from '../sink/flowControl.js';
import { toResponseSource } from '../sink/toResponseSource.js';
import { detectSource } from '../sources/detectSource.js';
import { httpRequest } from '../sources/httpRequest.js';
import type { HttpEvent } from '../sources/route.js';
import { createEncoder, type Encoder } from './createEncoder.js';
import { DEFAULT_CODINGS, negotiateEncoding, type ContentCoding } from './negotiateEncoding.js';

/** What `compress()` may do. */
export interface CompressOptions {
  /** Codings to offer, in the server's order of preference (default zstd, br, gzip). */
  readonly encodings?: readonly ContentCoding[];
  /** Content types worth compressing (default: text, JSON, NDJSON, XML, JavaScript, SVG, SSE, WebAssembly). */
  readonly types?: RegExp;
}

/** Types that compress well; images, video, archives and fonts are already compressed. */
const COMPRESSIBLE_TYPE =
  /^\s*(text\/|application\/(json|[\w.+-]*\+json|x-ndjson|ndjson|jsonl|xml|[\w.+-]*\+xml|javascript|ecmascript|graphql|x-www-form-urlencoded|wasm)|image\/svg\+xml)/i;

/** Statuses that carry no body. Source: RFC 9110 §6.4.1. */
const BODILESS_STATUS = (status: number): boolean => status < 200 || status === 204 || status === 304;

function header(h: HeadEmission, name: string): string | undefined {
  for (const [key, value] of Object.entries(h.headers ?? {})) if (key.toLowerCase() === name) return value;
  for (const [key, values] of Object.entries(h.multiValueHeaders ?? {})) if (key.toLowerCase() === name) return values.join(', ');
  return undefined;
}

function without(record: Readonly<Record<string, string>> | undefined, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(record ?? {}).filter(([key]) => !names.includes(key.toLowerCase())));
}

/** The head for the encoded body: `Content-Encoding`, `Vary: Accept-Encoding`, no `Content-Length`, a weak ETag. */
function encodedHead(h: HeadEmission, coding: ContentCoding | undefined): HeadEmission {
  const vary = header(h, 'vary');
  const varies = vary !== undefined && /(^|,)\s*(accept-encoding|\*)\s*(,|$)/i.test(vary);
  const headers = without(h.headers, coding === undefined ? ['vary'] : ['vary', 'content-length', 'content-encoding', 'etag']);
  headers.vary = varies ? vary : vary === undefined ? 'Accept-Encoding' : `${vary}, Accept-Encoding`;
  if (coding !== undefined) {
    headers['content-encoding'] = coding;
    const etag = header(h, 'etag');
    if (etag !== undefined) headers.etag = etag.startsWith('W/') ? etag : `W/${etag}`;
  }
  const multi = h.multiValueHeaders === undefined
    ? undefined
    : Object.fromEntries(
        Object.entries(h.multiValueHeaders).filter(([key]) => !['vary', 'content-length', 'content-encoding', 'etag'].includes(key.toLowerCase())),
      );
  return head({ ...h, headers, ...(multi === undefined ? {} : { multiValueHeaders: multi }) });
}

/** The coding for this response, or `undefined` to send it as it is (Vary still set when the type is compressible). */
function chooseCoding(h: HeadEmission, acceptEncoding: string | undefined, options: CompressOptions): { compressible: boolean; coding?: ContentCoding } {
  const type = header(h, 'content-type');
  const encoding = header(h, 'content-encoding');
  const compressible =
    !BODILESS_STATUS(h.statusCode) &&
    type !== undefined &&
    (options.types ?? COMPRESSIBLE_TYPE).test(type) &&
    (encoding === undefined || encoding.trim().toLowerCase() === 'identity') &&
    !/(^|,)\s*no-transform\s*(,|$)/i.test(header(h, 'cache-control') ?? '');
  if (!compressible) return { compressible };
  const coding = negotiateEncoding(acceptEncoding, options.encodings ?? DEFAULT_CODINGS);
  return coding === undefined ? { compressible } : { compressible, coding };
}

const toBytes = (value: string | Uint8Array): Uint8Array => (typeof value === 'string' ? Buffer.from(value, 'utf8') : value);

/**
 * The operator behind `compress()`: compresses the body after a `head()` in the coding
 * negotiated from `acceptEncoding`, one flushed block per emitted chunk, in order. Pull
 * sources upstream wait for both the compressor and the sink, so memory stays bounded.
 */
function compressEmissions(acceptEncoding: string | undefined, options: CompressOptions): OperatorFunction<unknown, unknown> {
  return (source) =>
    new Observable<unknown>((subscriber) => {
      const outer = FLOW_CONTROL.getStore();
      let state: 'first' | 'pass' | 'encode' = 'first';
      let encoder: Encoder | undefined;
      let queue: Promise<void> = Promise.resolve();
      let backlog = 0;
      const enqueue = (step: () => Promise<void> | void): void => {
        backlog++;
        queue = queue
          .then(step)
          .then(() => {
            backlog--;
          })
          .catch((error: unknown) => {
            backlog = Number.NaN;
            subscriber.error(error);
          });
      };
      const ready = (): Promise<void> | undefined => (backlog > 0 ? queue.then(() => outer?.ready()) : outer?.ready());
      const subscription = FLOW_CONTROL.run({ ready }, () =>
        source.subscribe({
          next(value) {
            if (state === 'first') {
              if (!isHead(value)) {
                state = 'pass';
                subscriber.next(value);
                return;
              }
              const { compressible, coding } = chooseCoding(value, acceptEncoding, options);
              if (coding !== undefined) {
                encoder = createEncoder(coding);
                state = 'encode';
              } else state = 'pass';
              subscriber.next(compressible ? encodedHead(value, coding) : value);
              return;
            }
            if (state === 'pass') {
              subscriber.next(value);
              return;
            }
            if (typeof value !== 'string' && !(value instanceof Uint8Array)) {
              enqueue(() => subscriber.next(value));
              return;
            }
            const bytes = toBytes(value);
            if (bytes.byteLength === 0) return;
            enqueue(async () => {
              const out = await encoder!.write(bytes);
              if (out.byteLength > 0 && !subscriber.closed) subscriber.next(out);
            });
          },
          error(error: unknown) {
            enqueue(() => subscriber.error(error));
          },
          complete() {
            if (encoder === undefined) {
              enqueue(() => subscriber.complete());
              return;
            }
            const last = encoder;
            enqueue(async () => {
              const out = await last.end();
              if (out.byteLength > 0) subscriber.next(out);
              subscriber.complete();
            });
          },
        }),
      );
      return () => {
        subscription.unsubscribe();
        encoder?.destroy();
      };
    });
}

function acceptEncodingOf(event: unknown): { acceptEncoding: string | undefined; head: boolean } | undefined {
  const source = detectSource(event);
  if (source !== 'apigw-rest' && source !== 'apigw-http' && source !== 'function-url' && source !== 'alb') return undefined;
  const request = httpRequest(event as HttpEvent);
  return { acceptEncoding: request.headers['accept-encoding'], head: request.method === 'HEAD' };
}

/**
 * Wraps a handler so its HTTP responses are compressed with gzip, brotli or zstd, as the
 * request's `Accept-Encoding` and the response's `Content-Type` allow. Each emitted body
 * chunk is compressed and flushed on its own, so a streamed response stays live: the
 * caller decodes every chunk as it arrives. The head gets `Content-Encoding` and
 * `Vary: Accept-Encoding` (and loses `Content-Length`); bodies that already have a
 * `Content-Encoding`, types that do not compress (images, archives), bodiless statuses,
 * `Cache-Control: no-transform`, `HEAD` requests and non-HTTP events pass untouched. A
 * buffered response goes out base64-encoded in its proxy result, as binary bodies do.
 *
 * @example
 * ```ts
 * import { compress, fetchHandler } from 'rx-lambda';
 * import { app } from './app.js';
 * export const handler = compress(fetchHandler(app.fetch));
 * ```
 */
export function compress<E>(handler: Handler<E>, options: CompressOptions = {}): Handler<E> {
  return (event, context) => {
    const source = toResponseSource(handler(event, context));
    const request = acceptEncodingOf(event);
    if (request === undefined || request.head) return source;
    return source.pipe(compressEmissions(request.acceptEncoding, options));
  };
}
