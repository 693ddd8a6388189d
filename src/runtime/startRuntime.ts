import { RuntimeApiError } from '../errors.js';
import type { Handler } from '../handler.js';
import { createLogger, type RuntimeLogger } from './createLogger.js';
import type { Telemetry } from './invocationTelemetry.js';
import type { runInvocation } from './runInvocation.js';
import { RuntimeApiClient, type ApiResponse } from './RuntimeApiClient.js';
import { SOCKET_HIGH_WATER_MARK_BYTES } from './RuntimeApiConnection.js';
import { RUNTIME_API_PATHS } from '../wire/runtimeApiVocabulary.js';
import { resolveRuntimeOptions, type ResolvedRuntimeOptions, type RuntimeOptions } from './resolveRuntimeOptions.js';

/** Attempts at `/next` when the connection fails before the runtime gives up and exits (6: about 3 s of backoff). */
export const NEXT_MAX_ATTEMPTS = 6;
/** First backoff between `/next` attempts, ms; doubles each time (100, 200, 400, 800, 1600). */
export const NEXT_RETRY_INITIAL_DELAY_MS = 100;

async function nextInvocation(
  client: RuntimeApiClient,
  logger: RuntimeLogger,
  signal: AbortSignal | undefined,
  onWritten: () => void,
): Promise<ApiResponse | undefined> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await client.request('GET', RUNTIME_API_PATHS.next, {}, undefined, onWritten);
    } catch (error) {
      if (signal?.aborted) return undefined;
      if (attempt >= NEXT_MAX_ATTEMPTS) {
        throw new RuntimeApiError(`GET /next failed ${attempt} times; giving up`, undefined, { cause: error });
      }
      const delay = NEXT_RETRY_INITIAL_DELAY_MS * 2 ** (attempt - 1);
      logger.log('WARN', `GET /next failed (attempt ${attempt}/${NEXT_MAX_ATTEMPTS}); retrying in ${delay} ms: ${(error as Error).message}`);
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

/** What the loops of one runtime share: whether the process has run an invocation yet. */
interface ProcessState {
  coldStart: boolean;
}

/** The invocation machinery, loaded while the first `/next` waits. */
interface Machinery {
  readonly runInvocation: typeof runInvocation;
  readonly telemetry: Telemetry | undefined;
}

async function loadMachinery(options: ResolvedRuntimeOptions, write: (line: string) => void): Promise<Machinery> {
  const [{ runInvocation }, { loadTelemetry }] = await Promise.all([import('./runInvocation.js'), import('./invocationTelemetry.js')]);
  return { runInvocation, telemetry: await loadTelemetry({ tracing: options.tracing, metrics: options.metrics, write }) };
}

async function loop(
  handler: Handler,
  address: string,
  options: ResolvedRuntimeOptions,
  logger: RuntimeLogger,
  signal: AbortSignal,
  state: ProcessState,
  write: (line: string) => void,
): Promise<void> {
  // /next goes behind each /response on its connection (see RuntimeApiClientOptions.pipelining).
  // A pull source reads ahead of the socket by at most its write buffer: half the highWaterMark bounds it.
  const writeBufferBytes = Math.max(1, Math.min(SOCKET_HIGH_WATER_MARK_BYTES, Math.floor(options.highWaterMark / 2)));
  const client = new RuntimeApiClient(address, { pipelining: true, writeBufferBytes });
  const close = (): void => client.close();
  signal.addEventListener('abort', close);
  // The invocation machinery (sink, rxjs, wire encoders) loads once the first /next is on
  // the wire, while it waits for an event: start-up reaches /next after loading only the handler.
  let invocations: Promise<Machinery> | undefined;
  const load = (): Promise<Machinery> => {
    if (invocations === undefined) {
      invocations = loadMachinery(options, write);
      invocations.catch(() => undefined);
    }
    return invocations;
  };
  /** A /next already on the wire, written behind the last invocation's response. */
  let pipelined: Promise<ApiResponse | undefined> | undefined;
  try {
    while (!signal.aborted) {
      const next = await (pipelined ?? nextInvocation(client, logger, signal, () => void load()));
      pipelined = undefined;
      // `signal` may have aborted while the request waited: the narrowing from the loop's condition does not hold after an await.
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
      if (next === undefined || signal.aborted) return;
      if (next.statusCode !== 200) {
        const text = next.body.toString('utf8').slice(0, 500);
        if (next.statusCode >= 500) throw new RuntimeApiError(`GET /next answered ${next.statusCode}: ${text}`, next.statusCode);
        logger.log('WARN', `GET /next answered ${next.statusCode}: ${text}`);
        continue;
      }
      const { runInvocation, telemetry } = await load();
      const coldStart = state.coldStart;
      state.coldStart = false;
      let following: Promise<ApiResponse | undefined> | undefined;
      // Asked for as the response is given to the socket: both leave in one system call.
      const onResponseQueued = (): void => {
        if (following !== undefined || signal.aborted) return;
        following = nextInvocation(client, logger, signal, () => void load());
        // Awaited below once the invocation has ended; a failure meanwhile is not unhandled.
        following.catch(() => undefined);
      };
      await runInvocation({ client, handler, options, logger, setTraceEnv: options.concurrency === 1, cancel: signal, telemetry, coldStart, onResponseQueued }, next);
      pipelined = following;
    }
  } finally {
    signal.removeEventListener('abort', close);
    client.close();
  }
}

/**
 * Runs the Lambda runtime loop for an Observable handler against the Runtime API at
 * `AWS_LAMBDA_RUNTIME_API` (or `options.runtimeApi`): `concurrency` loops, each with its
 * own keep-alive connection, each taking `/next` and answering it through the adaptive
 * sink. Resolves when `options.signal` aborts; rejects with `RuntimeApiError` when the
 * Runtime API answers 500 or `/next` keeps failing (a custom runtime should then exit
 * non-zero, as `rx-lambda-bootstrap` does).
 *
 * @example
 * ```ts
 * import { of } from 'rxjs';
 * import { startRuntime } from 'rx-lambda/runtime';
 * await startRuntime((event) => of({ echo: event }), { responseMode: 'buffered' });
 * ```
 */
export async function startRuntime(handler: Handler, options: RuntimeOptions = {}): Promise<void> {
  const resolved = resolveRuntimeOptions(options);
  const address = options.runtimeApi ?? process.env.AWS_LAMBDA_RUNTIME_API;
  if (!address) throw new RuntimeApiError('AWS_LAMBDA_RUNTIME_API is not set', undefined);
  const logger = createLogger(resolved.logFormat, options.log);
  const restoreConsole = options.patchConsole === false ? undefined : logger.patchConsole();
  const stop = new AbortController();
  const onAbort = (): void => stop.abort();
  if (options.signal?.aborted) return;
  options.signal?.addEventListener('abort', onAbort);
  try {
    const shared: ProcessState = { coldStart: true };
    const write = options.log ?? ((line: string): void => void process.stdout.write(line));
    const loops = Array.from({ length: resolved.concurrency }, () => loop(handler, address, resolved, logger, stop.signal, shared, write));
    // One loop failing (a 500, /next gone) stops them all.
    await Promise.all(loops.map((l) => l.catch((error: unknown) => {
      stop.abort();
      throw error;
    })));
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    restoreConsole?.();
  }
}
