/**
 * Every protocol limit rx-lambda enforces, with its unit and source.
 * Parts import these; no limit is written as a bare number elsewhere.
 */

/** Bytes of fixed framing in an event-stream message: total u32, headers u32, prelude CRC, message CRC. Source: AWS event-stream encoding spec. */
export const EVENT_STREAM_FRAMING_BYTES = 16;
/** Bytes of an event-stream prelude (total length, headers length, prelude CRC). */
export const EVENT_STREAM_PRELUDE_BYTES = 12;
/** Largest event-stream message, bytes (16 MiB). Source: AWS event-stream spec / SDK decoders. */
export const EVENT_STREAM_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
/** Largest event-stream headers section, bytes (128 KiB). Source: AWS event-stream spec. */
export const EVENT_STREAM_MAX_HEADERS_BYTES = 128 * 1024;

/** Bytes of NUL delimiter after an HTTP-integration prelude. Source: Lambda response streaming docs. */
export const HTTP_PRELUDE_DELIMITER_BYTES = 8;
/** API Gateway needs prelude + delimiter within the first 16 KB. Source: API Gateway response streaming docs. */
export const HTTP_PRELUDE_MAX_BYTES = 16 * 1024;

/** Largest buffered response body the Runtime API accepts: 6 MiB + 100 B. Source: Lambda quotas / Runtime API (413 above). */
export const BUFFERED_RESPONSE_MAX_BYTES = 6 * 1024 * 1024 + 100;
/** Largest synchronous invoke request payload, bytes (6 MiB). Source: Lambda quotas. */
export const INVOKE_REQUEST_MAX_BYTES = 6 * 1024 * 1024;
/** Largest asynchronous (`Event`) invoke request payload, bytes (1 MiB). Source: Lambda quotas. */
export const ASYNC_INVOKE_REQUEST_MAX_BYTES = 1024 * 1024;
/** Longest `X-Amz-Client-Context` (base64), bytes. Source: Lambda Invoke API, ClientContext ("up to 3,583 bytes of base64-encoded data"). */
export const CLIENT_CONTEXT_MAX_BYTES = 3583;
/** Largest streamed response, bytes (200 MB). Source: Lambda response streaming quotas. */
export const STREAMED_RESPONSE_MAX_BYTES = 200 * 1024 * 1024;
/** Longest function timeout, seconds (15 minutes). Source: Lambda quotas. */
export const MAX_FUNCTION_TIMEOUT_SECONDS = 15 * 60;
/** Default function timeout, seconds. Source: Lambda CreateFunction `Timeout` default. */
export const DEFAULT_FUNCTION_TIMEOUT_SECONDS = 3;
/** Bytes of log tail returned with `LogType: Tail` (last 4 KB). Source: Lambda Invoke API. */
export const LOG_TAIL_BYTES = 4 * 1024;

/** Most of an error response body the client keeps to build its typed error, bytes (1 MiB); past it the request is aborted. Source: the client's own bound (Lambda's error bodies are a few hundred bytes). */
export const CLIENT_ERROR_BODY_MAX_BYTES = 1024 * 1024;
/** Largest `Invoke` response payload the client collects, bytes (7 MiB): Lambda's 6 MiB buffered response quota plus a 1 MiB margin for what a proxy may add. Source: Lambda quotas. */
export const INVOKE_RESPONSE_MAX_BYTES = 7 * 1024 * 1024;
/** Default longest line `lines()` (and `ndjson()`) holds before erroring, characters (8 Mi): a whole 6 MiB buffered Lambda payload fits in one line. Source: the client's own bound. */
export const DEFAULT_MAX_LINE_CHARS = 8 * 1024 * 1024;
/** Longest delay a timer can wait, ms (2^31 - 1, about 24.8 days). Source: Node timers (a longer one fires at once with TimeoutOverflowWarning). */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;
