import { FunctionError } from '../errors.js';
import type { ByteSource } from './StreamEvent.js';

/**
 * The body bytes one event carries (`PayloadChunk` payload, or a plain `Uint8Array`), or
 * `undefined` (a `Head`, a clean `InvokeComplete`). Throws `FunctionError` for an
 * `InvokeComplete` with an `errorCode`.
 *
 * @example
 * ```ts
 * bytesOf({ type: 'PayloadChunk', payload: new Uint8Array([1]) }); // Uint8Array [1]
 * ```
 */
export function bytesOf(value: ByteSource): Uint8Array | undefined {
  if (value instanceof Uint8Array) return value;
  if (value.type === 'PayloadChunk') return value.payload;
  if (value.type === 'InvokeComplete' && value.errorCode !== undefined) {
    throw new FunctionError(value.errorCode, value.errorDetails, value.logResult);
  }
  return undefined;
}
