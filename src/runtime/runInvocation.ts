import { asyncScheduler, Subscription } from 'rxjs';
import { FiguresRecorder } from '../core/ResponseFigures.js';
import { runToResponse, type ResponseStep } from '../core/runToResponse.js';
import { InvocationCancelledError, RuntimeApiError } from '../errors.js';
import type { Handler, InvocationContext } from '../handler.js';
import { encodeErrorTrailer, lambdaErrorTypeHeader, toLambdaError } from '../wire/lambdaError.js';
import {
  RESPONSE_MODE_STREAMING,
  RUNTIME_API_HEADER_KEYS,
  RUNTIME_API_HEADERS,
  STREAMING_ERROR_TRAILERS,
} from '../wire/runtimeApiVocabulary.js';
import { buildContext } from './buildContext.js';
import type { RuntimeLogger } from './createLogger.js';
import { INVOCATION_PATH, type ApiResponse, type ChunkedRequest, type RuntimeApiClient } from './RuntimeApiClient.js';
import type { Telemetry } from './invocationTelemetry.js';
import type { ResolvedRuntimeOptions } from './resolveRuntimeOptions.js';

export { DEADLINE_MARGIN_MS } from '../core/deadlineDelay.js';

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
  /** Spans and metrics of invocations. */
  readonly telemetry?: Telemetry;
  /** This is the first invocation of the process. */
  readonly coldStart?: boolean;
  /** Called once the invocation's last request (`/response` or `/error`) is given to its socket, before the socket sends it. */
  readonly onResponseQueued?: () => void;
}

/**
 * The own runtime's host of the core: runs one invocation from its `/next` answer through
 * `runToResponse` and carries each step to the Runtime API (a buffered `/response`, a
 * streamed `/response` with trailers, or `/error`). Resolves when the Runtime API has
 * answered; rejects only when it answered 500 (the sandbox is broken).
 *
 * @example
 * ```ts
 * const next = await client.request('GET', `${INVOCATION_PATH}next`);
 * await runInvocation({ client, handler, options, logger, setTraceEnv: true }, next);
 * ```
 */
export function runInvocation(env: InvocationEnvironment, next: ApiResponse): Promise<void> {
  const requestId = next.headers[RUNTIME_API_HEADER_KEYS.requestId];
  if (!requestId) {
    env.logger.log('ERROR', 'Runtime API /next answer has no Lambda-Runtime-Aws-Request-Id; skipping it');
    return Promise.resolve();
  }
  return env.logger.withRequest(requestId, () => new Promise<void>((resolve, reject) => invoke(env, next, requestId, resolve, reject)));
}

function invoke(env: InvocationEnvironment, next: ApiResponse, requestId: string, resolve: () => void, reject: (error: Error) => void): void {
  const { client, logger, options } = env;
  const base = INVOCATION_PATH + encodeURIComponent(requestId);
  const invocationId = next.headers[RUNTIME_API_HEADER_KEYS.invocationId];
  const echo: Record<string, string> = invocationId ? { [RUNTIME_API_HEADERS.invocationId]: invocationId } : {};
  let writer: ChunkedRequest | undefined;
  const subscription = new Subscription();
  let context: InvocationContext | undefined;
  let done = false;
  const telemetry = env.telemetry?.start(next.headers, env.coldStart ?? false);
  // Figures are recorded only for a span or a metrics line: without them the hot path does no extra work.
  const recorder = telemetry === undefined ? undefined : new FiguresRecorder(Date.now);

  const finish = (posted: Promise<ApiResponse | undefined>, what: string): void => {
    if (done) return;
    done = true;
    env.cancel?.removeEventListener('abort', onCancel);
    subscription.unsubscribe();
    // The span ends when the Runtime API has accepted the last byte (or refused it).
    if (telemetry && recorder) posted.finally(() => telemetry.end(recorder.figures())).catch(() => undefined);
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
  const queued = env.onResponseQueued;
  const postError = (error: unknown): void => finish(client.postError(`${base}/error`, error, echo, queued), '/error');

  const onCancel = (): void => {
    if (done) return;
    const error = new InvocationCancelledError('the runtime is stopping');
    subscription.unsubscribe();
    writer?.end(trailersFor(error)).catch(() => undefined);
    finish(Promise.resolve(undefined), 'cancel');
  };

  const openStream = (contentType: string): ChunkedRequest => {
    const stream = client.stream(`${base}/response`, {
      [RUNTIME_API_HEADERS.responseMode]: RESPONSE_MODE_STREAMING,
      'Content-Type': contentType,
      Trailer: STREAMING_ERROR_TRAILERS,
      ...echo,
    });
    stream.response.then(
      // The Runtime API answered before the body ended: it will not take more.
      (response) => finish(Promise.resolve(response), 'response stream'),
      // The connection broke mid-stream: nothing more can reach the caller, so the invocation ends now.
      (error: unknown) => finish(Promise.reject(error as Error), 'response stream'),
    );
    return stream;
  };

  const deliver = (step: ResponseStep): void => {
    recorder?.take(step);
    switch (step.kind) {
      case 'buffered':
        finish(client.request('POST', `${base}/response`, { 'Content-Type': step.result.contentType, ...echo }, step.result.bytes, undefined, queued), '/response');
        return;
      case 'open':
        writer = openStream(step.contentType);
        writer.write(step.chunks);
        return;
      case 'chunk':
        writer?.write([step.bytes]);
        return;
      case 'end':
        if (writer) finish(writer.end(undefined, queued), 'response stream');
        return;
      case 'error':
        logger.log('ERROR', 'Invoke Error', step.error);
        if (step.afterCommit && writer) finish(writer.end(trailersFor(step.error), queued), 'response trailers');
        else if (context !== undefined && Date.now() >= context.deadlineMs) {
          logger.log('WARN', 'the deadline passed; the error is not posted (the Runtime API would answer 410)');
          finish(Promise.resolve(undefined), 'error');
        } else postError(step.error);
        return;
    }
  };

  if (env.setTraceEnv) {
    const trace = next.headers[RUNTIME_API_HEADER_KEYS.traceId];
    if (trace) process.env._X_AMZN_TRACE_ID = trace;
    else delete process.env._X_AMZN_TRACE_ID;
  }
  let event: unknown;
  try {
    event = next.body.byteLength === 0 ? undefined : (JSON.parse(next.body.toString('utf8')) as unknown);
  } catch (error) {
    logger.log('ERROR', 'Invoke Error: the event is not JSON', error);
    postError(error);
    return;
  }
  env.cancel?.addEventListener('abort', onCancel);
  subscription.add(runToResponse({
    handler: env.handler,
    event,
    context: (signal) => (context = buildContext(next.headers, signal)),
    options,
    outlet: {
      ready: () => {
        const drained = writer?.ready();
        if (drained) recorder?.waited();
        return drained;
      },
      queuedBytes: () => writer?.queuedBytes ?? 0,
    },
    scheduler: asyncScheduler,
  }).subscribe(deliver));
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- `done` is set by a callback that may run synchronously inside subscribe(); the compiler does not follow that
  if (done) subscription.unsubscribe();
}

function trailersFor(error: unknown): Record<string, string> {
  return {
    [RUNTIME_API_HEADERS.errorType]: lambdaErrorTypeHeader(error),
    [RUNTIME_API_HEADERS.errorBody]: encodeErrorTrailer(toLambdaError(error)),
  };
}
