/** What a caller would receive from one invocation, as `invokeHandler` resolves it. */
export interface InvocationResult {
  /** `streamed` once the response committed to streaming; `buffered` when it left (or failed) in one piece. */
  readonly mode: 'buffered' | 'streamed';
  /** Why a streamed response committed before the handler completed: `bufferLimit` bytes held, or `flushAfterMs` passed. */
  readonly commitReason?: 'size' | 'time';
  /** The HTTP status, for an HTTP response (a streamed prelude or a buffered proxy result). */
  readonly statusCode?: number;
  /** Response headers by lower-cased name (repeated values joined with `, `; cookies are in `cookies`). */
  readonly headers: Record<string, string>;
  /** `Set-Cookie` values. */
  readonly cookies: string[];
  /** The body as the caller reads it: after the prelude, or a proxy result's body decoded from base64. */
  readonly body: Uint8Array;
  /** The body as UTF-8 text. */
  text(): string;
  /** The body parsed as JSON. */
  json(): unknown;
  /** The body chunks as they would leave, each with its time (ms since the invocation started, on the scheduler's clock). */
  readonly chunks: { readonly bytes: Uint8Array; readonly atMs: number }[];
  /** The failure, in Lambda's words, and whether it came after the first byte was sent (trailers) or before (`/error`). */
  readonly error?: { readonly errorType: string; readonly errorMessage: string; readonly afterCommit: boolean };
  /**
   * Exactly what Lambda hands the caller: the buffered payload, the streamed bytes with the
   * prelude, or (for a failure before the commit) Lambda's error body
   * `{"errorType","errorMessage","stackTrace"}`.
   */
  readonly payload: Uint8Array;
  /** How long the invocation ran, ms on the scheduler's clock. */
  readonly durationMs: number;
}
