/**
 * The one error hierarchy of rx-lambda.
 *
 * Every error has a literal `name`, a stable `code` (safe to switch on), typed fields
 * and an optional `cause`. Errors travel through the Observable error channel; they
 * become Lambda's error format in exactly one place, `toLambdaError` in
 * `src/wire/lambdaError.ts`, which reads `lambdaErrorType` when an error sets it.
 *
 * @example
 * ```ts
 * import { RxLambdaError } from 'rx-lambda';
 * try { ... } catch (err) {
 *   if (err instanceof RxLambdaError && err.code === 'ERR_TRUNCATED_STREAM') retry();
 * }
 * ```
 */
export abstract class RxLambdaError extends Error {
  /** Stable machine-readable code, `ERR_*`. */
  abstract readonly code: string;
  /**
   * The `Lambda-Runtime-Function-Error-Type` this error reports as, when it is not the
   * default `Function.<name>`.
   */
  readonly lambdaErrorType?: string;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
  }
}

// ---------------------------------------------------------------- wire formats

/** An event-stream frame declares lengths outside the protocol's limits. */
export class FrameLengthError extends RxLambdaError {
  override readonly name = 'FrameLengthError' as const;
  readonly code = 'ERR_FRAME_LENGTH' as const;
  constructor(
    message: string,
    readonly totalLength: number,
    readonly headersLength: number,
  ) {
    super(message);
  }
}

/** An event-stream frame's prelude or message CRC32 does not match its bytes. */
export class FrameChecksumError extends RxLambdaError {
  override readonly name = 'FrameChecksumError' as const;
  readonly code = 'ERR_FRAME_CHECKSUM' as const;
  constructor(
    readonly part: 'prelude' | 'message',
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`event-stream ${part} checksum mismatch: expected ${expected}, computed ${actual}`);
  }
}

/** An event-stream frame passed the framing checks but its headers could not be decoded. */
export class FrameDecodeError extends RxLambdaError {
  override readonly name = 'FrameDecodeError' as const;
  readonly code = 'ERR_FRAME_DECODE' as const;
}

/** The byte stream ended inside an event-stream frame. */
export class TruncatedFrameError extends RxLambdaError {
  override readonly name = 'TruncatedFrameError' as const;
  readonly code = 'ERR_TRUNCATED_FRAME' as const;
  constructor(
    readonly bufferedBytes: number,
    readonly expectedBytes: number | undefined,
  ) {
    super(
      expectedBytes === undefined
        ? `event stream ended inside a frame prelude (${bufferedBytes} bytes buffered)`
        : `event stream ended inside a frame: ${bufferedBytes} of ${expectedBytes} bytes received`,
    );
  }
}

/** A header name or value contains CR, LF or NUL (it could inject headers). */
export class InvalidHeaderError extends RxLambdaError {
  override readonly name = 'InvalidHeaderError' as const;
  readonly code = 'ERR_INVALID_HEADER' as const;
  constructor(readonly headerName: string, readonly reason: string) {
    super(`invalid header ${JSON.stringify(headerName)}: ${reason}`);
  }
}

/** An HTTP-integration prelude is larger than API Gateway accepts. */
export class PreludeTooLargeError extends RxLambdaError {
  override readonly name = 'PreludeTooLargeError' as const;
  readonly code = 'ERR_PRELUDE_TOO_LARGE' as const;
  constructor(readonly size: number, readonly limit: number) {
    super(`HTTP-integration prelude is ${size} bytes; API Gateway accepts at most ${limit}`);
  }
}

/** A stream that should start with an HTTP-integration prelude does not hold a valid one. */
export class PreludeDecodeError extends RxLambdaError {
  override readonly name = 'PreludeDecodeError' as const;
  readonly code = 'ERR_PRELUDE_DECODE' as const;
}

// ---------------------------------------------------------------- handler, sink and runtime

/** A handler emitted something the response contract does not allow. */
export class InvalidEmissionError extends RxLambdaError {
  override readonly name = 'InvalidEmissionError' as const;
  readonly code = 'ERR_INVALID_EMISSION' as const;
}

/** A response is larger than Lambda accepts for its mode. */
export class ResponseSizeTooLargeError extends RxLambdaError {
  override readonly name = 'ResponseSizeTooLargeError' as const;
  readonly code = 'ERR_RESPONSE_SIZE_TOO_LARGE' as const;
  override readonly lambdaErrorType = 'Function.ResponseSizeTooLarge';
  constructor(readonly size: number, readonly limit: number) {
    super(`Response payload size (${size} bytes) exceeded maximum allowed payload size (${limit} bytes).`);
  }
}

/** A push source outran the Runtime API socket by more than `highWaterMark` bytes. */
export class BackpressureOverflowError extends RxLambdaError {
  override readonly name = 'BackpressureOverflowError' as const;
  readonly code = 'ERR_BACKPRESSURE_OVERFLOW' as const;
  override readonly lambdaErrorType = 'Function.BackpressureOverflowError';
  constructor(readonly queuedBytes: number, readonly highWaterMark: number) {
    super(
      `handler emitted ${queuedBytes} bytes the Runtime API has not taken yet, over highWaterMark ` +
        `(${highWaterMark}); use a pull source (AsyncIterable, Readable, fromReadable) or raise highWaterMark`,
    );
  }
}

/** The invocation reached its deadline before the handler completed. */
export class InvocationTimeoutError extends RxLambdaError {
  override readonly name = 'InvocationTimeoutError' as const;
  readonly code = 'ERR_INVOCATION_TIMEOUT' as const;
  override readonly lambdaErrorType = 'Sandbox.Timedout';
  /**
   * @param deadlineMs when Lambda stops the invocation (epoch ms, or the scheduler's clock)
   * @param timeoutSeconds the function's timeout, for Lambda's message `Task timed out after N.NN seconds`
   */
  constructor(readonly deadlineMs: number, readonly timeoutSeconds: number) {
    super(`Task timed out after ${timeoutSeconds.toFixed(2)} seconds`);
  }
}

/** A handler called `context.done`, `fail` or `succeed`, which Observable handlers do not have. */
export class ContextCallbackError extends RxLambdaError {
  override readonly name = 'ContextCallbackError' as const;
  readonly code = 'ERR_CONTEXT_CALLBACK' as const;
  constructor(readonly method: 'done' | 'fail' | 'succeed') {
    super(`context.${method}() is not supported: an rx-lambda handler answers with the Observable it returns`);
  }
}

/** The invocation was cancelled (the runtime's connection was lost, or it shut down). */
export class InvocationCancelledError extends RxLambdaError {
  override readonly name = 'InvocationCancelledError' as const;
  readonly code = 'ERR_INVOCATION_CANCELLED' as const;
}

/** `_HANDLER` could not be loaded: missing module, missing export, or the module threw. */
export class HandlerLoadError extends RxLambdaError {
  override readonly name = 'HandlerLoadError' as const;
  readonly code = 'ERR_HANDLER_LOAD' as const;
  constructor(
    message: string,
    override readonly lambdaErrorType:
      | 'Runtime.ImportModuleError'
      | 'Runtime.HandlerNotFound'
      | 'Runtime.MalformedHandlerName'
      | 'Runtime.UserCodeSyntaxError',
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A runtime option (or the environment variable that sets it) has an invalid value. */
export class InvalidRuntimeOptionError extends RxLambdaError {
  override readonly name = 'InvalidRuntimeOptionError' as const;
  readonly code = 'ERR_INVALID_RUNTIME_OPTION' as const;
  override readonly lambdaErrorType = 'Runtime.InvalidOption';
  constructor(readonly option: string, readonly value: unknown, expected: string) {
    super(`invalid runtime option ${option}=${JSON.stringify(value)}: expected ${expected}`);
  }
}

/** The Runtime API answered with a status the runtime cannot go on from. */
export class RuntimeApiError extends RxLambdaError {
  override readonly name = 'RuntimeApiError' as const;
  readonly code = 'ERR_RUNTIME_API' as const;
  constructor(message: string, readonly statusCode: number | undefined, options?: { cause?: unknown }) {
    super(message, options);
  }
}

// ---------------------------------------------------------------- sources

/** `route()` saw an event no entry handles, and there is no `default`. */
export class UnknownEventSourceError extends RxLambdaError {
  override readonly name = 'UnknownEventSourceError' as const;
  readonly code = 'ERR_UNKNOWN_EVENT_SOURCE' as const;
  constructor(readonly source: string, readonly keys: readonly string[]) {
    super(
      `no route for event source '${source}' (top-level keys: ${keys.slice(0, 10).join(', ') || 'none'}); ` +
        `add an entry for it or a 'default'`,
    );
  }
}

/** One record of a batch could not be decoded (bad JSON, bad base64). */
export class RecordParseError extends RxLambdaError {
  override readonly name = 'RecordParseError' as const;
  readonly code = 'ERR_RECORD_PARSE' as const;
  constructor(message: string, readonly recordId: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Every record of a batch failed, so the batch fails as a whole. */
export class BatchFailedError extends RxLambdaError {
  override readonly name = 'BatchFailedError' as const;
  readonly code = 'ERR_BATCH_FAILED' as const;
  constructor(readonly failures: readonly { itemIdentifier: string; error: unknown }[]) {
    super(`all ${failures.length} records of the batch failed`, { cause: failures[0]?.error });
  }
}

/** An operator or `httpRequest()` was given an event from a source it does not handle. */
export class EventSourceMismatchError extends RxLambdaError {
  override readonly name = 'EventSourceMismatchError' as const;
  readonly code = 'ERR_EVENT_SOURCE_MISMATCH' as const;
  constructor(readonly expected: readonly string[], readonly actual: string) {
    super(`expected an event from ${expected.join(' or ')}, got '${actual}'`);
  }
}

/**
 * A batch record was not processed: a FIFO batch stopped at an earlier failure, or the
 * deadline came first. It is reported in `batchItemFailures` so Lambda delivers it again.
 */
export class RecordNotProcessedError extends RxLambdaError {
  override readonly name = 'RecordNotProcessedError' as const;
  readonly code = 'ERR_RECORD_NOT_PROCESSED' as const;
  constructor(readonly reason: 'fifo' | 'deadline', readonly recordId: string) {
    super(
      reason === 'fifo'
        ? `record ${recordId} skipped: an earlier record of the FIFO batch failed`
        : `record ${recordId} not finished before the invocation deadline`,
    );
  }
}

// ---------------------------------------------------------------- client

/** The invoked function failed (`InvokeComplete.ErrorCode`, or `X-Amz-Function-Error`). */
export class FunctionError extends RxLambdaError {
  override readonly name = 'FunctionError' as const;
  readonly code = 'ERR_FUNCTION' as const;
  constructor(
    readonly errorCode: string,
    readonly errorDetails: string | undefined,
    readonly logResult?: string,
    readonly payload?: unknown,
  ) {
    super(`function failed with ${errorCode}${errorDetails ? `: ${errorDetails}` : ''}`);
  }
}

/**
 * The Lambda service refused the request or ended the stream with an exception.
 * Its `name` is the service's exception type, such as `ResourceNotFoundException`.
 */
export class LambdaServiceError extends RxLambdaError {
  override readonly name: string;
  readonly code = 'ERR_LAMBDA_SERVICE' as const;
  constructor(
    exceptionType: string,
    message: string,
    readonly statusCode: number | undefined,
    readonly retryAfterSeconds?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = exceptionType;
  }
}

/** The response stream ended before `InvokeComplete`, or inside a frame. */
export class TruncatedStreamError extends RxLambdaError {
  override readonly name = 'TruncatedStreamError' as const;
  readonly code = 'ERR_TRUNCATED_STREAM' as const;
}

/** A request to Lambda failed at the transport level (connection refused, reset, timeout). */
export class TransportError extends RxLambdaError {
  override readonly name = 'TransportError' as const;
  readonly code = 'ERR_TRANSPORT' as const;
}

/** Client options are unusable: no region, an empty function name, an invalid endpoint or URL. */
export class ClientConfigError extends RxLambdaError {
  override readonly name = 'ClientConfigError' as const;
  readonly code = 'ERR_CLIENT_CONFIG' as const;
}

/** A line of an NDJSON stream is not valid JSON. */
export class NdjsonParseError extends RxLambdaError {
  override readonly name = 'NdjsonParseError' as const;
  readonly code = 'ERR_NDJSON_PARSE' as const;
  constructor(readonly line: string, readonly lineNumber: number, options?: { cause?: unknown }) {
    super(`NDJSON line ${lineNumber} is not valid JSON: ${line.length > 80 ? `${line.slice(0, 80)}…` : line}`, options);
  }
}

// ---------------------------------------------------------------- model streams

/** A model's response stream reported an error event (Bedrock `ConverseStream`'s exception members). */
export class ModelStreamError extends RxLambdaError {
  override readonly name = 'ModelStreamError' as const;
  readonly code = 'ERR_MODEL_STREAM' as const;
  constructor(
    /** The event's member name, e.g. `throttlingException`. */
    readonly exception: string,
    message: string,
  ) {
    super(`${exception}: ${message}`);
  }
}

/** A line of a streamed body grew past the longest line `lines()` holds. */
export class LineTooLongError extends RxLambdaError {
  override readonly name = 'LineTooLongError' as const;
  readonly code = 'ERR_LINE_TOO_LONG' as const;
  constructor(readonly limit: number) {
    super(`a line grew past ${limit} characters without a line break (raise lines({ maxLineLength }) if that is expected)`);
  }
}

// ---------------------------------------------------------------- emulator

/** A function configuration given to the emulator is invalid. */
export class EmulatorConfigError extends RxLambdaError {
  override readonly name = 'EmulatorConfigError' as const;
  readonly code = 'ERR_EMULATOR_CONFIG' as const;
}

/** esbuild could not build a handler (a syntax error, an import it cannot resolve); `errors` are esbuild's messages. */
export class HandlerBuildError extends RxLambdaError {
  override readonly name = 'HandlerBuildError' as const;
  readonly code = 'ERR_HANDLER_BUILD' as const;
  constructor(
    readonly entry: string,
    readonly errors: readonly string[],
    options?: ErrorOptions,
  ) {
    super(`cannot build ${entry}:\n${errors.join('\n')}`, options);
  }
}

// ---------------------------------------------------------------- packager

/** `rx-lambda package` cannot build the deployment zip (bad handler, bad option, esbuild missing or failing). */
export class PackagerError extends RxLambdaError {
  override readonly name = 'PackagerError' as const;
  readonly code = 'ERR_PACKAGER' as const;
}

/** A Node binary for a custom runtime is not a Linux executable for the function's architecture. */
export class NodeBinaryError extends RxLambdaError {
  override readonly name = 'NodeBinaryError' as const;
  readonly code = 'ERR_NODE_BINARY' as const;
  constructor(
    message: string,
    readonly path: string,
    readonly expected: string,
    readonly actual: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

// ---------------------------------------------------------------- client credentials

/** A call to a remote (not loopback) endpoint found no AWS credentials. */
export class MissingCredentialsError extends RxLambdaError {
  override readonly name = 'MissingCredentialsError' as const;
  readonly code = 'ERR_MISSING_CREDENTIALS' as const;
}
