/**
 * Limits and defaults of the local emulator, each with its unit and source. Shared
 * protocol limits (payload sizes, timeouts) live in `src/limits.ts`.
 */

/** Default number of execution environments per function, count. Source: the emulator's contract (DESIGN.md, `concurrency` default 10). */
export const DEFAULT_FUNCTION_CONCURRENCY = 10;
/** Default memory size reported to functions, MB. Source: Lambda CreateFunction `MemorySize` default. */
export const DEFAULT_MEMORY_MB = 128;
/** Smallest and largest memory size, MB. Source: Lambda quotas (128 MB to 10,240 MB). */
export const MIN_MEMORY_MB = 128;
/** Largest memory size, MB. Source: Lambda quotas. */
export const MAX_MEMORY_MB = 10_240;
/** Longest init phase (process start until its first `/next`), seconds. Source: Lambda init phase limit (10 s). */
export const INIT_TIMEOUT_SECONDS = 10;
/** Largest request header section the emulator reads, bytes (16 KiB, Node's default; Function URLs allow less). */
export const EMULATOR_MAX_HEADER_BYTES = 16 * 1024;
/** Largest body of a Runtime API `/error` or `/init/error` post, bytes (1 MiB; the emulator's own bound). */
export const RUNTIME_ERROR_BODY_MAX_BYTES = 1024 * 1024;
/** Seconds a caller is told to wait after `TooManyRequestsException` (`Retry-After`), seconds. Source: the emulator's own choice. */
export const THROTTLE_RETRY_AFTER_SECONDS = 1;
/** Grace between SIGTERM and SIGKILL when the emulator stops an environment, milliseconds. Source: Lambda's shutdown phase (up to 2 s with extensions; 500 ms without). */
export const ENVIRONMENT_STOP_GRACE_MS = 500;
/** Longest function name, characters. Source: Lambda CreateFunction `FunctionName` (64). */
export const FUNCTION_NAME_MAX_CHARS = 64;
/** Longest line of function output kept as one console line, bytes; longer lines are split. Source: the emulator's own bound (CloudWatch's event limit is 256 KB). */
export const LOG_LINE_MAX_BYTES = 256 * 1024;
/** Finished request ids an environment remembers, to answer a late `/response` with 403 or 410 rather than 400, count. Source: the emulator's own bound. */
export const REMEMBERED_REQUEST_IDS = 1000;
/** How long a truncated runtime response waits for the process's exit before it is reported as `Runtime.TruncatedResponse` rather than `Runtime.ExitError`, milliseconds. Source: the emulator's own choice. */
export const TRUNCATED_RESPONSE_EXIT_GRACE_MS = 250;
/** Most invocations one execution environment runs at once (`maxConcurrency`), count. Source: the emulator's own bound (Lambda Managed Instances set theirs per vCPU). */
export const MAX_CONCURRENCY_PER_ENVIRONMENT = 64;
/**
 * Waits before each retry of a failed `Event` invoke, milliseconds. Lambda retries twice,
 * about 1 minute and then 2 minutes after a failure (Source: Lambda asynchronous invocation
 * docs, `MaximumRetryAttempts` default 2); the emulator keeps the count and the doubling
 * but waits 1 s and 2 s so the retries show during development.
 */
export const EVENT_RETRY_DELAYS_MS: readonly number[] = [1000, 2000];
/**
 * How much of a refused (413) request body the emulator reads and discards before it cuts
 * the connection, bytes (64 MiB). Reading the rest lets a client that is still writing
 * receive the 413 rather than a reset (EPIPE); the bound keeps a client that never stops
 * from holding the connection. Source: the emulator's own bound, ten times the 6 MiB
 * invoke limit.
 */
export const OVERSIZE_BODY_DRAIN_MAX_BYTES = 64 * 1024 * 1024;
/**
 * Most `Event` (asynchronous) invocations waiting for a free environment, per function,
 * count and payload bytes together (1,000 events, 16 MiB). Past either, an `Event` invoke is
 * 429 `TooManyRequestsException` rather than memory that grows with every call. Source: the
 * emulator's own choice; Lambda's asynchronous queue is far larger and its refusal when
 * full is not documented.
 */
export const EVENT_QUEUE_MAX_EVENTS = 1000;
/** Payload bytes of the waiting `Event` invocations per function (16 MiB); see `EVENT_QUEUE_MAX_EVENTS`. */
export const EVENT_QUEUE_MAX_BYTES = 16 * 1024 * 1024;
/** Most output waiting for a slow console (stderr) before lines are dropped with a counted notice, bytes (4 MiB). Source: the emulator's own bound. */
export const CONSOLE_BUFFER_MAX_BYTES = 4 * 1024 * 1024;
