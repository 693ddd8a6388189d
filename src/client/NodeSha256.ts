import { createHash, createHmac, type Hash } from 'node:crypto';
import type { Checksum, SourceData } from '@smithy/types';

function toBuffer(data: SourceData): Buffer | string {
  if (typeof data === 'string') return data;
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}

/**
 * SHA-256 (or HMAC-SHA-256 with a secret) over node:crypto, in the shape `@smithy/signature-v4`
 * expects of its `sha256` option.
 *
 * @example
 * ```ts
 * new SignatureV4({ service: 'lambda', region, credentials, sha256: NodeSha256 });
 * ```
 */
export class NodeSha256 implements Checksum {
  readonly #secret: Buffer | string | undefined;
  #hash: Hash | ReturnType<typeof createHmac>;

  constructor(secret?: SourceData) {
    this.#secret = secret === undefined ? undefined : toBuffer(secret);
    this.#hash = this.#create();
  }

  update(data: Uint8Array | string): void {
    this.#hash.update(toBuffer(data));
  }

  digest(): Promise<Uint8Array> {
    const out = this.#hash.digest();
    return Promise.resolve(new Uint8Array(out.buffer, out.byteOffset, out.byteLength));
  }

  reset(): void {
    this.#hash = this.#create();
  }

  #create(): Hash | ReturnType<typeof createHmac> {
    return this.#secret === undefined ? createHash('sha256') : createHmac('sha256', this.#secret);
  }
}
