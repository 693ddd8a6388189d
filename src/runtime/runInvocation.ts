import type { Subscription } from 'rxjs';
import {
  BackpressureOverflowError,
  InvocationCancelledError,
  InvocationTimeoutError,
  ResponseSizeTooLargeError,
  RuntimeApiError,
} from '../errors.js';
import type { Handler } from '../handler.js';
import { BUFFERED_RESPONSE_MAX_BYTES } from '../limits.js';
import { adaptiveSink, type HeldResponse, type SinkEvent, type SinkMode } from '../sink/adaptiveSink.js';
import { bufferedResult } from '../sink/bufferedResult.js';
import { FLOW_CONTROL, type FlowControl } from '../sink/flowControl.js';
import { toResponseSource } from '../sink/toResponseSource.js';
import { toStreamingPrelude } from '../sink/toStreamingPrelude.js';
import { encodeHttpPrelude, HTTP_INTEGRATION_CONTENT_TYPE } from '../wire/encodeHttpPrelude.js';
import { encodeErrorTrailer, lambdaErrorTypeHeader, toLambdaError } from '../wire/lambdaError.js';
import { buildContext } from './buildContext.js';
import type { RuntimeLogger } from './createLogger.js';
import { INVOCATION_PATH, type ApiResponse, type ChunkedRequest, type RuntimeApiClient } from './RuntimeApiClient.js';
import type { ResolvedRuntimeOptions } from './runtimeOptions.js';

/**
 * How long before Lambda's deadline the runtime stops a handler and reports the
 * timeout, ms (100): enough for one loopback POST even on a busy event loop, so the
 * report always lands before the deadline.
 */
export const DEADLINE_MARGIN_MS = 100;

/** The trailers a streamed response may end with. Source: Lambda response streaming (custom runtime) docs. */
const STREAM_TRAILERS = 'Lambda-Runtime-Function-Error-Type, Lambda-Runtime-Function-Error-Body';

/** What one invocation needs from its loop. */
export interface InvocationEnvironment {
  readonly client: RuntimeApiClient;
  readonly handler: Handler;
  readonly options: ResolvedRuntimeOptions;
  readonly logger: RuntimeLogger;
  /** Set `_X_AMZN_TRACE_ID` for this invocation (sequential mode only). */
  readonly setTraceEnv: boolean;
  /** Aborts when the runtime stops; the invocation is cancelled. */
  readonly cancel?: AbortSignal;
}

/** The mode the sink runs in for these options. */
export function sinkModeOf(options: ResolvedRuntimeOptions): SinkMode {
  return options.responseMode === 'buffered'
    ? { kind: 'buffered', maxBytes: BUFFERED_RESPONSE_MAX_BYTES }
    : { kind: 'streaming', bufferLimit: options.bufferLimit, flushAfterMs: options.flushAfterMs };
}

/** The first bytes and content type of a streamed response. */
function streamStart(held: HeldResponse, event: unknown): { contentType: string; chunks: Uint8Array[] } {
  if (held.kind === 'json') {
    return { contentType: 'application/json', chunks: [Buffer.from(JSON.stringify(held.value) ?? 'null')] };
  }
  if (held.head === undefined) return { contentType: 'application/octet-stream', chunks: [...held.chunks] };
  return { contentType: HTTP_INTEGRATION_CONTENT_TYPE, chunks: [encodeHttpPrelude(toStreamingPrelude(held.head, event)), ...held.chunks] };
}

/**
 * Runs one invocation from its `/next` answer: builds the context, subscribes to the
 * handler's Observable through the adaptive sink, posts the response (buffered, or
 * streamed with trailers) or the error, and enforces the deadline. Resolves when the
 * Runtime API has answered; rejects only when it answered 500 (the sandbox is broken).
 *
 * @example
 * ```ts
 * const next = await client.request('GET', `${INVOCATION_PATH}next`);
 * await runInvocation({ client, handler, options, logger, setTraceEnv: true }, next);
 * ```
 */
export function runInvocation(env: InvocationEnvironment, next: ApiResponse): Promise<void> {
  const requestId = next.headers['lambda-runtime-aws-request-id'];
  if (!requestId) {
    env.logger.log('ERROR', 'Runtime API /next answer has no Lambda-Runtime-Aws-Request-Id; skipping it');
    return Promise.resolve();
  }
  return env.logger.withRequest(requestId, () => new Promise<void>((resolve, reject) => invoke(env, next, requestId, resolve, reject)));
}

function invoke(env: InvocationEnvironment, next: ApiResponse, requestId: string, resolve: () => void, reject: (error: Error) => void): void {
  const { client, logger, options } = env;
  const base = INVOCATION_PATH + encodeURIComponent(requestId);
  const invocationId = next.headers['lambda-runtime-invocation-id'];
  const echo: Record<string, string> = invocationId ? { 'Lambda-Runtime-Invocation-Id': invocationId } : {};
  const controller = new AbortController();
  const context = buildContext(next.headers, controller.signal);
  const mode = sinkModeOf(options);

  let phase: 'holding' | 'streaming' | 'done' = 'holding';
  let writer: ChunkedRequest | undefined;
  let subscription: Subscription | undefined;
  let event: unknown;

  const onCancel = (): void => {
    if (phase === 'done') return;
    subscription?.unsubscribe();
    controller.abort(new InvocationCancelledError('the runtime is stopping'));
    if (writer) writer.end(trailersFor(new InvocationCancelledError('the runtime is stopping'))).catch(() => undefined);
    finish(Promise.resolve(undefined), 'cancel');
  };

  const finish = (posted: Promise<ApiResponse | undefined>, what: string): void => {
    phase = 'done';
    clearTimeout(timer);
    env.cancel?.removeEventListener('abort', onCancel);
    subscription?.unsubscribe();
    posted.then(
      (response) => {
        if (response === undefined || (response.statusCode >= 200 && response.statusCode < 300)) return resolve();
        const text = response.body.toString('utf8').slice(0, 500);
        if (response.statusCode >= 500) {
          return reject(new RuntimeApiError(`Runtime API answered ${what} with ${response.statusCode}: ${text}`, response.statusCode));
        }
        // 400, 403, 410 (already timed out), 413: the Runtime API's word is final; the loop goes on.
        logger.log('WARN', `Runtime API answered ${what} with ${response.statusCode}: ${text}`);
        resolve();
      },
      (error: unknown) => {
        logger.log('ERROR', `posting ${what} failed`, error);
        resolve();
      },
    );
  };

  const beforeDeadline = (): boolean => Date.now() < context.deadlineMs;

  const fail = (error: unknown): void => {
    if (phase === 'done') return;
    logger.log('ERROR', 'Invoke Error', error);
    if (phase === 'streaming' && writer) {
      finish(writer.end(trailersFor(error)), 'response trailers');
      return;
    }
    if (!beforeDeadline()) {
      logger.log('WARN', 'the deadline passed; the error is not posted (the Runtime API would answer 410)');
      finish(Promise.resolve(undefined), 'error');
      return;
    }
    finish(client.postError(`${base}/error`, error, echo), '/error');
  };

  const openStream = (contentType: string): ChunkedRequest => {
    const stream = client.stream(`${base}/response`, {
      'Lambda-Runtime-Function-Response-Mode': 'streaming',
      'Content-Type': contentType,
      Trailer: STREAM_TRAILERS,
      ...echo,
    });
    phase = 'streaming';
    writer = stream;
    stream.response.then(
      (response) => {
        // The Runtime API answered before the body ended: it will not take more.
        if (phase === 'streaming') finish(Promise.resolve(response), 'response stream');
      },
      (error: unknown) => {
        // The connection broke mid-stream: nothing more can reach the caller, so the invocation ends now.
        if (phase !== 'streaming') return;
        subscription?.unsubscribe();
        controller.abort(error);
        finish(Promise.reject(error as Error), 'response stream');
      },
    );
    return stream;
  };

  const onEvent = (decision: SinkEvent): void => {
    if (phase === 'done') return;
    switch (decision.kind) {
      case 'complete': {
        if (!beforeDeadline()) return fail(new InvocationTimeoutError(context.deadlineMs));
        if (mode.kind === 'buffered') {
          const result = bufferedResult(decision.response, event);
          const bytes = result.kind === 'bytes' ? result.bytes : Buffer.from(JSON.stringify(result.value) ?? 'null');
          if (bytes.byteLength > BUFFERED_RESPONSE_MAX_BYTES) {
            return fail(new ResponseSizeTooLargeError(bytes.byteLength, BUFFERED_RESPONSE_MAX_BYTES));
          }
          const contentType = result.kind === 'bytes' ? 'application/octet-stream' : 'application/json';
          finish(client.request('POST', `${base}/response`, { 'Content-Type': contentType, ...echo }, bytes), '/response');
          return;
        }
        const start = streamStart(decision.response, event);
        const stream = openStream(start.contentType);
        stream.write(start.chunks);
        finish(stream.end(), 'response stream');
        return;
      }
      case 'commit': {
        const start = streamStart({ kind: 'body', head: decision.head, chunks: decision.chunks, size: 0 }, event);
        openStream(start.contentType).write(start.chunks);
        return;
      }
      case 'chunk': {
        const stream = writer!;
        if (stream.queuedBytes > options.highWaterMark) {
          subscription?.unsubscribe();
          return fail(new BackpressureOverflowError(stream.queuedBytes, options.highWaterMark));
        }
        stream.write([decision.bytes]);
        return;
      }
    }
  };

  if (env.setTraceEnv) {
    const trace = next.headers['lambda-runtime-trace-id'];
    if (trace) process.env._X_AMZN_TRACE_ID = trace;
    else delete process.env._X_AMZN_TRACE_ID;
  }
  const timer = setTimeout(() => {
    if (phase === 'done') return;
    const error = new InvocationTimeoutError(
      context.deadlineMs,
      `Task timed out: the handler was stopped ${DEADLINE_MARGIN_MS} ms before its deadline (${new Date(context.deadlineMs).toISOString()})`,
    );
    subscription?.unsubscribe();
    controller.abort(error);
    fail(error);
  }, Math.max(0, context.deadlineMs - DEADLINE_MARGIN_MS - Date.now()));
  env.cancel?.addEventListener('abort', onCancel);

  const flow: FlowControl = { ready: () => (phase === 'streaming' ? writer?.ready() : undefined) };
  try {
    event = next.body.byteLength === 0 ? undefined : (JSON.parse(next.body.toString('utf8')) as unknown);
    const source = toResponseSource(env.handler(event, context)).pipe(adaptiveSink(mode));
    FLOW_CONTROL.run(flow, () => {
      subscription = source.subscribe({
        next: (decision) => {
          try {
            onEvent(decision);
          } catch (error) {
            subscription?.unsubscribe();
            fail(error);
          }
        },
        error: fail,
        complete: () => {
          if (phase === 'streaming' && writer) finish(writer.end(), 'response stream');
        },
      });
    });
    if ((phase as string) === 'done') subscription?.unsubscribe();
  } catch (error) {
    subscription?.unsubscribe();
    fail(error);
  }
}

function trailersFor(error: unknown): Record<string, string> {
  return {
    'Lambda-Runtime-Function-Error-Type': lambdaErrorTypeHeader(error),
    'Lambda-Runtime-Function-Error-Body': encodeErrorTrailer(toLambdaError(error)),
  };
}
