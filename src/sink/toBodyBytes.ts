/**
 * The bytes of a body emission: a `string` as UTF-8, any `ArrayBufferView` (Buffer,
 * Uint8Array, DataView...) as its bytes. Any other value gives `undefined`.
 *
 * @example
 * ```ts
 * toBodyBytes('hé');                    // Uint8Array [104, 195, 169]
 * toBodyBytes(new Uint8Array([1, 2]));  // the same bytes, not copied
 * toBodyBytes({ ok: true });            // undefined: a JSON result, not body bytes
 * ```
 */
export function toBodyBytes(value: unknown): Uint8Array | undefined {
  if (typeof value === 'string') return Buffer.from(value, 'utf8');
  if (value instanceof Uint8Array) return value;
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  return undefined;
}
