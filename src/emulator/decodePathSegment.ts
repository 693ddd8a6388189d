/**
 * A percent-decoded URL path (or path segment); a malformed escape keeps it as written,
 * so a request can never make the emulator throw.
 *
 * @example
 * ```ts
 * decodePathSegment('my%20fn'); // 'my fn'
 * decodePathSegment('%E0%A4%A'); // '%E0%A4%A'
 * ```
 */
export function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
