/**
 * Serializes a JSON value so it can be copied into an HTTP header as is: no whitespace
 * between tokens, and every character outside printable ASCII written as a `\uXXXX`
 * escape (JSON already escapes control characters inside strings). The result parses
 * back to the same value.
 *
 * @example
 * ```ts
 * headerSafeJson({ custom: { city: 'Zürich' } }); // '{"custom":{"city":"Z\\u00fcrich"}}'
 * ```
 */
export function headerSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
