import { InvalidRuntimeOptionError } from '../errors.js';

/**
 * Options of `startRuntime`, `streamifyHandler` and `bufferedHandler`. Each has an
 * environment default (read when the option is not given), then a built-in default.
 */
export interface RuntimeOptions {
  /** `RX_LAMBDA_RESPONSE_MODE`; default `'streaming'`. */
  readonly responseMode?: 'buffered' | 'streaming';
  /** Held body bytes at which a streaming response commits. `RX_LAMBDA_BUFFER_LIMIT`; default 1 MiB. */
  readonly bufferLimit?: number;
  /** Milliseconds after the first emission at which a still-open response commits. `RX_LAMBDA_FLUSH_AFTER_MS`; default 50. */
  readonly flushAfterMs?: number;
  /** Bytes a push source may be ahead of the socket before its invocation fails. `RX_LAMBDA_HIGH_WATER_MARK`; default 8 MiB. */
  readonly highWaterMark?: number;
  /**
   * The API Gateway REST integration streams (`responseTransferMode: STREAM`), so REST
   * events get the streaming prelude instead of a buffered proxy result.
   * `RX_LAMBDA_REST_STREAMING` (`1`/`true`); default false.
   */
  readonly restStreaming?: boolean;
  /**
   * An OpenTelemetry span per invocation, from `/next` to the last byte accepted, when
   * `@opentelemetry/api` is installed (a no-op until an SDK is registered).
   * `RX_LAMBDA_TRACING` (`0` turns it off); default true.
   */
  readonly tracing?: boolean;
  /** One CloudWatch EMF metrics line per invocation on stdout. `RX_LAMBDA_METRICS` (`1`); default false. */
  readonly metrics?: boolean;
  /** Invocations run at once in this process. `AWS_LAMBDA_MAX_CONCURRENCY`; default 1. */
  readonly concurrency?: number;
  /** `host:port` of the Runtime API. Default `AWS_LAMBDA_RUNTIME_API`. */
  readonly runtimeApi?: string;
  /** Aborting it stops the loop (the in-flight invocation is cancelled). */
  readonly signal?: AbortSignal;
  /** Log format: `AWS_LAMBDA_LOG_FORMAT` (`JSON` or `Text`); always JSON under Lambda Managed Instances (`AWS_LAMBDA_MAX_CONCURRENCY` set or `concurrency > 1`). */
  readonly logFormat?: 'text' | 'json';
  /** Where the runtime's log lines go; default `process.stdout`. */
  readonly log?: (line: string) => void;
  /** Route `console.*` through the runtime's logger (request id, log format). Default true under `startRuntime`. */
  readonly patchConsole?: boolean;
}

/** `RuntimeOptions` with every default applied. */
export interface ResolvedRuntimeOptions {
  readonly responseMode: 'buffered' | 'streaming';
  readonly bufferLimit: number;
  readonly flushAfterMs: number;
  readonly highWaterMark: number;
  readonly restStreaming: boolean;
  readonly tracing: boolean;
  readonly metrics: boolean;
  readonly concurrency: number;
  readonly logFormat: 'text' | 'json';
}

/**
 * Default `bufferLimit`, bytes (1 MiB): nearly every JSON/HTML response completes below
 * it and so gets one write and a proper `/error` on failure, while the memory held per
 * invocation stays small. Larger bodies stream.
 */
export const DEFAULT_BUFFER_LIMIT_BYTES = 1024 * 1024;
/**
 * Default `flushAfterMs`, milliseconds (50): under the ~100 ms at which people notice a
 * delay, above the few milliseconds of a typical downstream call, so fast handlers
 * still complete (and fail) as one response while slow streams show their first bytes
 * promptly.
 */
export const DEFAULT_FLUSH_AFTER_MS = 50;
/**
 * Default `highWaterMark`, bytes (8 MiB): above `bufferLimit` (a commit writes all of it
 * at once) with room for bursts, small enough that a runaway push source fails its
 * invocation long before the sandbox runs out of memory.
 */
export const DEFAULT_HIGH_WATER_MARK_BYTES = 8 * 1024 * 1024;

type Env = Readonly<Record<string, string | undefined>>;

function positive(option: string, value: unknown, allowZero: boolean): number {
  const n = typeof value === 'string' ? Number(value.trim()) : value;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0 || (!allowZero && n === 0) || (typeof value === 'string' && value.trim() === '')) {
    throw new InvalidRuntimeOptionError(option, value, allowZero ? 'a number >= 0' : 'a number > 0');
  }
  return n;
}

/** An environment flag: `1`/`true`/`yes` or `0`/`false`/`no` (any case); anything else is returned to be rejected. */
function flag(raw: string): boolean | string {
  const value = raw.trim().toLowerCase();
  if (value === '1' || value === 'true' || value === 'yes') return true;
  if (value === '0' || value === 'false' || value === 'no') return false;
  return raw;
}

function booleanOption(option: string, given: boolean | undefined, env: string | undefined, fallback: boolean): boolean {
  const value = pick<unknown>(given, env, (raw) => flag(raw), fallback);
  if (typeof value !== 'boolean') throw new InvalidRuntimeOptionError(option, value, 'true or false (1/0, yes/no)');
  return value;
}

function pick<T>(given: T | undefined, env: string | undefined, parse: (raw: string) => T, fallback: T): T {
  if (given !== undefined) return given;
  if (env !== undefined && env !== '') return parse(env);
  return fallback;
}

/**
 * Applies environment defaults and built-in defaults to runtime options, and validates them.
 *
 * @example
 * ```ts
 * resolveRuntimeOptions({ responseMode: 'buffered' }, process.env).bufferLimit; // 1048576 unless RX_LAMBDA_BUFFER_LIMIT is set
 * ```
 */
export function resolveRuntimeOptions(options: RuntimeOptions = {}, env: Env = process.env): ResolvedRuntimeOptions {
  const responseMode = pick<string>(options.responseMode, env.RX_LAMBDA_RESPONSE_MODE, (raw) => raw.trim().toLowerCase(), 'streaming');
  if (responseMode !== 'buffered' && responseMode !== 'streaming') {
    throw new InvalidRuntimeOptionError('responseMode', responseMode, "'buffered' or 'streaming'");
  }
  const bufferLimit = positive('bufferLimit', pick<unknown>(options.bufferLimit, env.RX_LAMBDA_BUFFER_LIMIT, (r) => r, DEFAULT_BUFFER_LIMIT_BYTES), true);
  const flushAfterMs = positive('flushAfterMs', pick<unknown>(options.flushAfterMs, env.RX_LAMBDA_FLUSH_AFTER_MS, (r) => r, DEFAULT_FLUSH_AFTER_MS), true);
  const highWaterMark = positive('highWaterMark', pick<unknown>(options.highWaterMark, env.RX_LAMBDA_HIGH_WATER_MARK, (r) => r, DEFAULT_HIGH_WATER_MARK_BYTES), false);
  const restStreaming = booleanOption('restStreaming', options.restStreaming, env.RX_LAMBDA_REST_STREAMING, false);
  const tracing = booleanOption('tracing', options.tracing, env.RX_LAMBDA_TRACING, true);
  const metrics = booleanOption('metrics', options.metrics, env.RX_LAMBDA_METRICS, false);
  const concurrency = positive('concurrency', pick<unknown>(options.concurrency, env.AWS_LAMBDA_MAX_CONCURRENCY, (r) => r, 1), false);
  if (!Number.isInteger(concurrency)) throw new InvalidRuntimeOptionError('concurrency', concurrency, 'an integer >= 1');
  const envFormat = env.AWS_LAMBDA_LOG_FORMAT?.trim().toLowerCase() === 'json' ? 'json' : 'text';
  const managedInstances = concurrency > 1 || (env.AWS_LAMBDA_MAX_CONCURRENCY ?? '') !== '';
  const logFormat = managedInstances ? 'json' : (options.logFormat ?? envFormat);
  return { responseMode, bufferLimit, flushAfterMs, highWaterMark, restStreaming, tracing, metrics, concurrency, logFormat };
}
