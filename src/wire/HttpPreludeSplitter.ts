import { PreludeDecodeError } from '../errors.js';
import { HTTP_PRELUDE_DELIMITER_BYTES } from '../limits.js';
import { assertSafeHeader, type HttpPrelude } from './encodeHttpPrelude.js';

/** How far into a stream a prelude's delimiter may be before the stream is rejected, bytes (64 KiB; API Gateway itself needs 16 KB). */
export const HTTP_PRELUDE_SEARCH_LIMIT_BYTES = 64 * 1024;

/** What one `push` yields: the prelude once it is complete, and body bytes after it. */
export interface PreludeSplit {
  readonly prelude?: HttpPrelude;
  readonly body?: Uint8Array;
}

/**
 * Incremental splitter of an HTTP-integration stream into its prelude and body.
 * The prelude is JSON followed by exactly 8 NUL bytes; JSON text never holds a raw
 * NUL, so the first NUL ends it. The prelude is validated: a JSON object with an
 * integer `statusCode`, string headers without CR/LF/NUL.
 *
 * @example
 * ```ts
 * const splitter = new HttpPreludeSplitter();
 * for (const chunk of chunks) {
 *   const { prelude, body } = splitter.push(chunk);
 * }
 * splitter.end();
 * ```
 */
export class HttpPreludeSplitter {
  #held: Uint8Array[] = [];
  #heldBytes = 0;
  #prelude: HttpPrelude | undefined;
  /** NUL bytes of the delimiter still to skip, once the JSON has ended. */
  #nulsLeft = -1;

  /** The prelude, once it has been read. */
  get prelude(): HttpPrelude | undefined {
    return this.#prelude;
  }

  push(chunk: Uint8Array): PreludeSplit {
    if (this.#prelude) return chunk.byteLength ? { body: chunk } : {};
    let rest = chunk;
    if (this.#nulsLeft < 0) {
      const nul = chunk.indexOf(0);
      if (nul < 0) {
        this.#hold(chunk);
        return {};
      }
      this.#hold(chunk.subarray(0, nul));
      this.#nulsLeft = HTTP_PRELUDE_DELIMITER_BYTES;
      rest = chunk.subarray(nul);
    }
    while (this.#nulsLeft > 0 && rest.byteLength > 0) {
      if (rest[0] !== 0) {
        throw new PreludeDecodeError(
          `HTTP-integration prelude is followed by ${HTTP_PRELUDE_DELIMITER_BYTES - this.#nulsLeft} NUL bytes, not 8`,
        );
      }
      rest = rest.subarray(1);
      this.#nulsLeft--;
    }
    if (this.#nulsLeft > 0) return {};
    const prelude = parsePrelude(Buffer.concat(this.#held));
    this.#prelude = prelude;
    this.#held = [];
    return rest.byteLength ? { prelude, body: rest } : { prelude };
  }

  /** Declares the end of the stream; throws if the prelude never completed. */
  end(): HttpPrelude {
    if (!this.#prelude) {
      throw new PreludeDecodeError(
        this.#nulsLeft < 0
          ? 'stream ended before the HTTP-integration prelude delimiter'
          : 'stream ended inside the HTTP-integration prelude delimiter',
      );
    }
    return this.#prelude;
  }

  #hold(bytes: Uint8Array): void {
    const first = this.#heldBytes === 0 ? firstNonSpace(bytes) : -1;
    if (first !== -1 && first !== 0x7b) {
      throw new PreludeDecodeError('stream does not start with an HTTP-integration prelude (a JSON object)');
    }
    this.#heldBytes += bytes.byteLength;
    if (this.#heldBytes > HTTP_PRELUDE_SEARCH_LIMIT_BYTES) {
      throw new PreludeDecodeError(
        `no HTTP-integration prelude delimiter within the first ${HTTP_PRELUDE_SEARCH_LIMIT_BYTES} bytes`,
      );
    }
    if (bytes.byteLength) this.#held.push(bytes);
  }
}

function firstNonSpace(bytes: Uint8Array): number {
  for (const b of bytes) if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return b;
  return -1;
}

/** Parses and validates the JSON of a prelude. */
export function parsePrelude(json: Uint8Array): HttpPrelude {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(json.buffer, json.byteOffset, json.byteLength).toString('utf8'));
  } catch (cause) {
    throw new PreludeDecodeError('HTTP-integration prelude is not valid JSON', { cause });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new PreludeDecodeError('HTTP-integration prelude is not a JSON object');
  }
  const raw = value as Record<string, unknown>;
  const statusCode = raw.statusCode === undefined ? 200 : raw.statusCode;
  if (typeof statusCode !== 'number' || !Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) {
    throw new PreludeDecodeError(`HTTP-integration prelude has an invalid statusCode: ${JSON.stringify(raw.statusCode)}`);
  }
  const prelude: { -readonly [K in keyof HttpPrelude]: HttpPrelude[K] } = { statusCode };
  if (raw.headers !== undefined) prelude.headers = stringRecord(raw.headers, 'headers');
  if (raw.multiValueHeaders !== undefined) prelude.multiValueHeaders = listRecord(raw.multiValueHeaders);
  if (raw.cookies !== undefined) {
    if (!Array.isArray(raw.cookies) || raw.cookies.some((c) => typeof c !== 'string')) {
      throw new PreludeDecodeError('HTTP-integration prelude cookies must be an array of strings');
    }
    for (const cookie of raw.cookies as string[]) assertSafeHeader('set-cookie', cookie);
    prelude.cookies = raw.cookies as string[];
  }
  return prelude;
}

function stringRecord(value: unknown, field: string): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new PreludeDecodeError(`HTTP-integration prelude ${field} must be an object`);
  }
  // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- a map with no prototype, so a header named __proto__ is only a key
  const out: Record<string, string> = Object.create(null);
  for (const [name, v] of Object.entries(value)) {
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
      throw new PreludeDecodeError(`HTTP-integration prelude header ${JSON.stringify(name)} is not a string`);
    }
    assertSafeHeader(name, String(v));
    out[name] = String(v);
  }
  return out;
}

function listRecord(value: unknown): Record<string, string[]> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new PreludeDecodeError('HTTP-integration prelude multiValueHeaders must be an object');
  }
  // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- a map with no prototype, so a header named __proto__ is only a key
  const out: Record<string, string[]> = Object.create(null);
  for (const [name, list] of Object.entries(value)) {
    if (!Array.isArray(list) || list.some((v) => typeof v !== 'string')) {
      throw new PreludeDecodeError(`HTTP-integration prelude multiValueHeaders ${JSON.stringify(name)} is not a list of strings`);
    }
    for (const v of list as string[]) assertSafeHeader(name, v);
    out[name] = list as string[];
  }
  return out;
}
