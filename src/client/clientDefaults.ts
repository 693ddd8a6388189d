import { MAX_FUNCTION_TIMEOUT_SECONDS } from '../limits.js';

/**
 * Defaults of the client, each with its unit and source. Every one can be overridden per call.
 */

/** Margin added to the longest function timeout before the client gives up waiting, ms (our choice). */
export const CLIENT_TIMEOUT_MARGIN_MS = 60_000;
/**
 * Longest wait for response headers, ms: 15 minutes (a buffered `Invoke` answers only when the
 * function returns; Lambda quotas) plus the margin.
 */
export const DEFAULT_HEADERS_TIMEOUT_MS = MAX_FUNCTION_TIMEOUT_SECONDS * 1000 + CLIENT_TIMEOUT_MARGIN_MS;
/** Longest silence between two body chunks, ms: a streaming function may stay silent its whole 15 minutes, plus the margin. */
export const DEFAULT_BODY_TIMEOUT_MS = MAX_FUNCTION_TIMEOUT_SECONDS * 1000 + CLIENT_TIMEOUT_MARGIN_MS;
/** Attempts per call, the first included. Source: the AWS SDKs' `standard` retry mode (3). */
export const DEFAULT_MAX_ATTEMPTS = 3;
/** Base of the exponential backoff, ms. Source: the AWS SDKs' `standard` retry mode (100 ms). */
export const DEFAULT_RETRY_BASE_DELAY_MS = 100;
/** Largest backoff (and largest honoured `Retry-After`), ms. Source: the AWS SDKs' `standard` retry mode (20 s). */
export const DEFAULT_RETRY_MAX_DELAY_MS = 20_000;
/** Region used with an explicit `endpoint` (the emulator) when none is configured. */
export const DEFAULT_LOCAL_REGION = 'us-east-1';
/** SigV4 signing name of Lambda. Source: Lambda API reference. */
export const LAMBDA_SIGNING_SERVICE = 'lambda';
/** API version prefix of `Invoke`. Source: Lambda API reference. */
export const INVOKE_PATH_PREFIX = '/2015-03-31/functions/';
/** API version prefix of `InvokeWithResponseStream`. Source: Lambda API reference. */
export const INVOKE_STREAM_PATH_PREFIX = '/2021-11-15/functions/';
/** Content type of the event-stream response. Source: AWS event-stream spec. */
export const EVENT_STREAM_CONTENT_TYPE = 'application/vnd.amazon.eventstream';
