import type { AwsCredentialIdentity, Provider } from '@smithy/types';
import type { SchedulerLike } from 'rxjs';
import type { Dispatcher } from 'undici';

/** Credentials: given directly, or a provider (called per request; memoize it yourself, as the SDK providers do). */
export type CredentialsOption = AwsCredentialIdentity | Provider<AwsCredentialIdentity>;

/**
 * How failures before the first event are retried: 429, 5xx and connection failures, with
 * exponential backoff and full jitter (`random() * min(maxDelayMs, baseDelayMs * 2^n)`), or
 * `Retry-After` when the service sends it. Never after the first event has been emitted.
 */
export interface RetryOptions {
  /** Attempts, the first included; `1` disables retries. Default 3. */
  readonly maxAttempts?: number;
  /** Backoff base, ms. Default 100. */
  readonly baseDelayMs?: number;
  /** Largest backoff and largest honoured `Retry-After`, ms. Default 20 000. */
  readonly maxDelayMs?: number;
  /** Source of jitter in [0, 1); default `Math.random`. */
  readonly random?: () => number;
  /** Scheduler of the backoff timers (virtual time in tests); default `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
}

/** Transport options shared by every client call. */
export interface TransportOptions {
  /** Aborts the request (and frees its socket); the Observable errors with `signal.reason`. */
  readonly signal?: AbortSignal;
  /** Retries before the first event; `false` disables them. */
  readonly retry?: RetryOptions | false;
  /** Longest wait for the response headers, ms. Default 16 minutes (15-minute functions, plus a margin). */
  readonly headersTimeoutMs?: number;
  /** Longest silence between body chunks, ms. Default 16 minutes. */
  readonly bodyTimeoutMs?: number;
  /**
   * The undici dispatcher to send with. Default: undici's global dispatcher, a keep-alive
   * `Agent` that keeps one connection pool per endpoint.
   */
  readonly dispatcher?: Dispatcher;
}

/** Where and as whom a Lambda API call is made. */
export interface LambdaTarget extends TransportOptions {
  /** Region; default `AWS_REGION`, then `us-east-1` when an `endpoint` is given. */
  readonly region?: string;
  /** Base URL of the Lambda API (the emulator's `url`); default `https://lambda.{region}.amazonaws.com`. */
  readonly endpoint?: string;
  /** Credentials; default the AWS SDK's Node provider chain, loaded only when needed. */
  readonly credentials?: CredentialsOption;
}

/** Options of `invokeStream`. */
export interface InvokeStreamOptions extends LambdaTarget {
  /** Function name, ARN or partial ARN (may carry a `:qualifier`). */
  readonly functionName: string;
  /** The event: `Uint8Array` is sent as is; anything else is sent as its JSON. */
  readonly payload?: unknown;
  /** Version or alias. */
  readonly qualifier?: string;
  /** `Tail` returns the last 4 KB of the function's log in `InvokeComplete.logResult`. */
  readonly logType?: 'None' | 'Tail';
  /** Client context as its JSON text; the client base64-encodes it for `X-Amz-Client-Context`. */
  readonly clientContext?: string;
  /** `DryRun` checks permissions and parameters without running the function. Default `RequestResponse`. */
  readonly invocationType?: 'RequestResponse' | 'DryRun';
  /**
   * How a `PayloadChunk` frame that arrived in several HTTP chunks is emitted, once its CRC
   * has been checked: `'pieces'` (default) as one `PayloadChunk` per piece, views of the
   * chunks with no copy (the bytes and their order are the same; frames do not follow the
   * function's writes anyway); `'frames'` as one `PayloadChunk` per frame, its body joined
   * into one buffer.
   */
  readonly payloadChunks?: 'pieces' | 'frames';
}

/** Options of `invoke` (the buffered `Invoke` API). */
export interface InvokeOptions extends Omit<InvokeStreamOptions, 'invocationType' | 'payloadChunks'> {
  /** `Event` queues the invoke (202, empty payload); default `RequestResponse`. */
  readonly invocationType?: 'RequestResponse' | 'Event' | 'DryRun';
}
