/**
 * The Runtime API's vocabulary: its paths and header names, in one place for both of its
 * ends (the runtime in `src/runtime/`, the emulator's server in `src/emulator/runtimeApi/`);
 * the limits it enforces are in `src/limits.ts`. Source: the Runtime API OpenAPI spec
 * (version 2018-06-01) and the Lambda developer guide on custom runtimes and streaming.
 */

/** The API version every Runtime API path starts with. */
export const RUNTIME_API_VERSION = '2018-06-01';

/**
 * The Runtime API's paths, relative to `http://$AWS_LAMBDA_RUNTIME_API`.
 *
 * @example
 * ```ts
 * const next = await fetch(`http://${process.env.AWS_LAMBDA_RUNTIME_API}${RUNTIME_API_PATHS.next}`);
 * const answer = `${RUNTIME_API_PATHS.invocation}${encodeURIComponent(requestId)}/response`;
 * ```
 */
export const RUNTIME_API_PATHS = {
  /** Prefix of every Runtime API path. */
  runtime: `/${RUNTIME_API_VERSION}/runtime/`,
  /** `GET`: the next invocation (no client timeout: the process may be frozen between events). */
  next: `/${RUNTIME_API_VERSION}/runtime/invocation/next`,
  /** Prefix of `{requestId}/response` and `{requestId}/error` (`POST`, 202). */
  invocation: `/${RUNTIME_API_VERSION}/runtime/invocation/`,
  /** `POST`: a failure before the loop starts, then the process exits. */
  initError: `/${RUNTIME_API_VERSION}/runtime/init/error`,
} as const;

/**
 * The Runtime API's header and trailer names, spelled as AWS documents them. HTTP header
 * names are case-insensitive; Node hands received ones over in lower case, so readers use
 * {@link RUNTIME_API_HEADER_KEYS}.
 *
 * @example
 * ```ts
 * const headers = { [RUNTIME_API_HEADERS.responseMode]: RESPONSE_MODE_STREAMING };
 * ```
 */
export const RUNTIME_API_HEADERS = {
  /** `/next`: the invocation's request id. */
  requestId: 'Lambda-Runtime-Aws-Request-Id',
  /** `/next`: the deadline, epoch ms. */
  deadlineMs: 'Lambda-Runtime-Deadline-Ms',
  /** `/next`: the ARN the caller invoked. */
  invokedFunctionArn: 'Lambda-Runtime-Invoked-Function-Arn',
  /** `/next`: the X-Ray trace header. */
  traceId: 'Lambda-Runtime-Trace-Id',
  /** `/next`: the mobile client context, JSON. */
  clientContext: 'Lambda-Runtime-Client-Context',
  /** `/next`: the Cognito identity, JSON. */
  cognitoIdentity: 'Lambda-Runtime-Cognito-Identity',
  /** `/next`: the tenant id of a tenant-isolated function. */
  tenantId: 'Lambda-Runtime-Aws-Tenant-Id',
  /** `/next` (newer): echoed back on `/response` and `/error` when present. */
  invocationId: 'Lambda-Runtime-Invocation-Id',
  /** `/response`: `streaming` for a streamed response; absent for a buffered one. */
  responseMode: 'Lambda-Runtime-Function-Response-Mode',
  /** `/error` header and streamed-response trailer: `Runtime.Xxx` or `Function.Xxx`. */
  errorType: 'Lambda-Runtime-Function-Error-Type',
  /** Streamed-response trailer: base64 of the error body's JSON. */
  errorBody: 'Lambda-Runtime-Function-Error-Body',
} as const;

type HeaderNames = typeof RUNTIME_API_HEADERS;

/**
 * {@link RUNTIME_API_HEADERS} in lower case: the keys of Node's received header maps.
 *
 * @example
 * ```ts
 * const requestId = req.headers[RUNTIME_API_HEADER_KEYS.requestId];
 * ```
 */
export const RUNTIME_API_HEADER_KEYS = Object.fromEntries(
  Object.entries(RUNTIME_API_HEADERS).map(([key, name]) => [key, name.toLowerCase()]),
) as { readonly [K in keyof HeaderNames]: Lowercase<HeaderNames[K]> };

/** The `Lambda-Runtime-Function-Response-Mode` value of a streamed response (any other value is a 400). */
export const RESPONSE_MODE_STREAMING = 'streaming';

/** The `Trailer` header of a streamed response: the two trailers a late failure is reported in. */
export const STREAMING_ERROR_TRAILERS = `${RUNTIME_API_HEADERS.errorType}, ${RUNTIME_API_HEADERS.errorBody}`;

