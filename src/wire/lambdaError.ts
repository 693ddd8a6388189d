/** Lambda's error body, as posted to `/error` and carried in the error trailer. */
export interface LambdaErrorBody {
  readonly errorType: string;
  readonly errorMessage: string;
  readonly stackTrace: string[];
}

/** Content type of an error posted to the Runtime API. Source: Runtime API OpenAPI spec. */
export const LAMBDA_ERROR_CONTENT_TYPE = 'application/vnd.aws.lambda.error+json';

const SAFE_TYPE = /[^A-Za-z0-9_.]/g;

/** An error's own Lambda error type (`Sandbox.*`, `Function.*`, `Runtime.*`), when it sets one. */
function ownLambdaType(value: unknown): string | undefined {
  const own = (value as { lambdaErrorType?: unknown } | null | undefined)?.lambdaErrorType;
  return typeof own === 'string' && own ? own : undefined;
}

/**
 * Turns any thrown value into Lambda's error body. This is the one place where
 * rx-lambda errors become Lambda's error format. An error that carries Lambda's own type
 * (`lambdaErrorType`: a timeout's `Sandbox.Timedout`, `Function.ResponseSizeTooLarge`,
 * `Runtime.ImportModuleError`) reports that type, as Lambda does (with no stack trace for
 * `Sandbox.*` and `Function.*` ones, which are not the function's code); any other error its `name`.
 *
 * @example
 * ```ts
 * toLambdaError(new TypeError('bad')); // { errorType: 'TypeError', errorMessage: 'bad', stackTrace: [...] }
 * toLambdaError('boom');               // { errorType: 'string', errorMessage: 'boom', stackTrace: [] }
 * ```
 */
export function toLambdaError(value: unknown): LambdaErrorBody {
  if (value instanceof Error) {
    const own = ownLambdaType(value);
    // Lambda's own failures (a timeout, a response too large) carry no stack: where they were noticed is not the function's code.
    const platform = own !== undefined && (own.startsWith('Sandbox.') || own.startsWith('Function.'));
    const stack = !platform && typeof value.stack === 'string' ? value.stack.split('\n').slice(1).map((l) => l.trim()) : [];
    return { errorType: own ?? (value.name || 'Error'), errorMessage: value.message, stackTrace: stack };
  }
  if (value === null || value === undefined) {
    return { errorType: 'Error', errorMessage: String(value), stackTrace: [] };
  }
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const name = typeof record.name === 'string' && record.name ? record.name : 'object';
    const message =
      typeof record.message === 'string' ? record.message : safeStringify(value);
    return { errorType: name, errorMessage: message, stackTrace: [] };
  }
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- only primitives reach here (objects returned above)
  return { errorType: typeof value, errorMessage: String(value), stackTrace: [] };
}

function safeStringify(value: unknown): string {
  try {
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- JSON.stringify returns undefined for undefined and functions, which its lib type omits
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * The `Lambda-Runtime-Function-Error-Type` value for a thrown value: the error's own
 * `lambdaErrorType` when it has one (`Runtime.*`, `Function.*`, `Sandbox.*`), else
 * `Function.<errorType>`. Only `[A-Za-z0-9_.]` survive, so it is always a safe header value.
 */
export function lambdaErrorTypeHeader(value: unknown): string {
  const raw = ownLambdaType(value) ?? `Function.${toLambdaError(value).errorType}`;
  return raw.replace(SAFE_TYPE, '') || 'Function.Error';
}

/**
 * The error a managed-runtime adapter rejects with, so that AWS's Node runtime (which
 * reports an error's `name` as its type) reports the same type and message as rx-lambda's
 * own runtime: an error with a Lambda type becomes a plain `Error` named after it, with
 * the original as `cause`; any other value is returned as it is.
 *
 * @example
 * ```ts
 * asManagedRuntimeError(new InvocationTimeoutError(deadline, 3)).name; // 'Sandbox.Timedout'
 * ```
 */
export function asManagedRuntimeError(value: unknown): unknown {
  const type = ownLambdaType(value);
  if (type === undefined || !(value instanceof Error)) return value;
  const error = new Error(value.message, { cause: value });
  error.name = type;
  if (value.stack !== undefined) error.stack = value.stack.replace(/^[^\n:]*/, type);
  return error;
}

/** The `Lambda-Runtime-Function-Error-Body` trailer: base64 of the error body's JSON. */
export function encodeErrorTrailer(body: LambdaErrorBody): string {
  return Buffer.from(JSON.stringify(body)).toString('base64');
}

/** What a Lambda error body says, as far as it says it: each field only when it has the right type. */
export interface DecodedLambdaError {
  /** The parsed JSON, whatever its shape. */
  readonly json: unknown;
  readonly errorType?: string;
  readonly errorMessage?: string;
  readonly stackTrace?: string[];
}

/**
 * The one decoder of Lambda's error JSON (`{"errorType","errorMessage","stackTrace"}`), for
 * every reader of it: the emulator reading a runtime's `/error`, `/init/error` or error
 * trailer, and the client reading a function error's payload. Text that is not JSON gives
 * `undefined`; JSON of another shape gives only `json`. Each reader picks its own defaults.
 *
 * @example
 * ```ts
 * decodeLambdaErrorBody('{"errorType":"TypeError","errorMessage":"bad"}');
 * // { json: {...}, errorType: 'TypeError', errorMessage: 'bad' }
 * decodeLambdaErrorBody('Internal error'); // undefined
 * ```
 */
export function decodeLambdaErrorBody(text: string): DecodedLambdaError | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { json };
  const record = json as Record<string, unknown>;
  return {
    json,
    ...(typeof record.errorType === 'string' ? { errorType: record.errorType } : {}),
    ...(typeof record.errorMessage === 'string' ? { errorMessage: record.errorMessage } : {}),
    ...(Array.isArray(record.stackTrace) ? { stackTrace: record.stackTrace.map(String) } : {}),
  };
}

/**
 * Decodes an error-body trailer; a trailer that is not valid base64 of a JSON object gives
 * `undefined`, and a missing field its default (`Error`, an empty message, no stack).
 *
 * @example
 * ```ts
 * decodeErrorTrailer(encodeErrorTrailer(toLambdaError(new TypeError('bad')))).errorType; // 'TypeError'
 * ```
 */
export function decodeErrorTrailer(trailer: string): LambdaErrorBody | undefined {
  const decoded = decodeLambdaErrorBody(Buffer.from(trailer, 'base64').toString('utf8'));
  if (decoded === undefined || typeof decoded.json !== 'object' || decoded.json === null) return undefined;
  return {
    errorType: decoded.errorType ?? 'Error',
    errorMessage: decoded.errorMessage ?? '',
    stackTrace: decoded.stackTrace ?? [],
  };
}
