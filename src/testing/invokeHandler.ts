import { randomUUID } from 'node:crypto';
import { asyncScheduler, type SchedulerLike } from 'rxjs';
import { contextCallbacks } from '../core/contextCallbacks.js';
import { runToResponse, type ResponseStep } from '../core/runToResponse.js';
import type { Handler, InvocationContext } from '../handler.js';
import { DEFAULT_FUNCTION_TIMEOUT_SECONDS } from '../limits.js';
import { resolveRuntimeOptions } from '../runtime/resolveRuntimeOptions.js';
import type { ProxyResult } from '../sink/toProxyResult.js';
import type { HttpPrelude } from '../wire/encodeHttpPrelude.js';
import { toLambdaError } from '../wire/lambdaError.js';
import type { InvocationResult } from './InvocationResult.js';

/** Options of `invokeHandler`: the runtime's response options, the function's timeout, a scheduler and context fields. */
export interface InvokeHandlerOptions {
  readonly responseMode?: 'buffered' | 'streaming';
  readonly bufferLimit?: number;
  readonly flushAfterMs?: number;
  readonly highWaterMark?: number;
  readonly restStreaming?: boolean;
  /** The function's timeout, ms; default 3,000 (Lambda's default). The deadline is this far from the start. */
  readonly timeoutMs?: number;
  /** Where time comes from: a `TestScheduler` runs the invocation in virtual time. Default `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
  /** Context fields to use instead of the defaults (a test function in `us-east-1`). */
  readonly context?: Partial<Omit<InvocationContext, 'signal' | 'deadlineMs' | 'getRemainingTimeInMillis'>>;
}

/** The test function's ARN, in AWS's documentation account. */
const TEST_FUNCTION_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:test';

function testContext(options: InvokeHandlerOptions, timeoutMs: number, scheduler: SchedulerLike, signal: AbortSignal): InvocationContext {
  const deadlineMs = scheduler.now() + timeoutMs;
  return {
    awsRequestId: randomUUID(),
    invokedFunctionArn: TEST_FUNCTION_ARN,
    functionName: 'test',
    functionVersion: '$LATEST',
    memoryLimitInMB: '128',
    logGroupName: '/aws/lambda/test',
    logStreamName: '2026/01/01/[$LATEST]0123456789abcdef0123456789abcdef',
    traceId: undefined,
    clientContext: undefined,
    identity: undefined,
    tenantId: undefined,
    ...contextCallbacks(),
    ...options.context,
    deadlineMs,
    getRemainingTimeInMillis: () => Math.max(0, deadlineMs - scheduler.now()),
    signal,
  };
}

/** Collects a caller's view of the response from the core's steps. */
class ResultBuilder {
  mode: 'buffered' | 'streamed' = 'buffered';
  commitReason: 'size' | 'time' | undefined;
  statusCode: number | undefined;
  headers: Record<string, string> = {};
  cookies: string[] = [];
  body: Uint8Array[] = [];
  payload: Uint8Array[] = [];
  chunks: { bytes: Uint8Array; atMs: number }[] = [];
  error: InvocationResult['error'];

  constructor(private readonly atMs: () => number) {}

  take(step: ResponseStep): void {
    switch (step.kind) {
      case 'buffered': {
        const { result } = step;
        this.payload.push(result.bytes);
        const body = result.kind === 'value' && result.proxy ? this.#proxy(result.proxy) : result.bytes;
        this.#chunk(body);
        return;
      }
      case 'open': {
        if (step.reason !== 'complete') {
          this.mode = 'streamed';
          this.commitReason = step.reason;
        }
        this.payload.push(...step.chunks);
        if (step.prelude) this.#prelude(step.prelude);
        // With a prelude, the first chunk is its encoding; what was held leaves with it, in one write.
        const held = step.prelude ? step.chunks.slice(1) : step.chunks;
        if (held.length > 0) this.#chunk(held.length === 1 ? held[0]! : Buffer.concat(held));
        return;
      }
      case 'chunk':
        this.payload.push(step.bytes);
        this.#chunk(step.bytes);
        return;
      case 'end':
        return;
      case 'error': {
        const body = toLambdaError(step.error);
        this.error = { errorType: body.errorType, errorMessage: body.errorMessage, afterCommit: step.afterCommit };
        // Before the commit, Lambda hands the caller the error body itself (after it, the trailers carry it).
        if (!step.afterCommit) this.payload.push(Buffer.from(JSON.stringify(body)));
        return;
      }
    }
  }

  #chunk(bytes: Uint8Array): void {
    this.body.push(bytes);
    this.chunks.push({ bytes, atMs: this.atMs() });
  }

  #header(name: string, value: string): void {
    const key = name.toLowerCase();
    if (key === 'set-cookie') this.cookies.push(value);
    else this.headers[key] = key in this.headers ? `${this.headers[key]}, ${value}` : value;
  }

  #headers(headers: Readonly<Record<string, string>> | undefined, multi: Readonly<Record<string, readonly string[]>> | undefined): void {
    // A REST or ALB shape lists single headers in `headers` and repeated ones in `multiValueHeaders`; take each name once.
    const fromMulti = new Set(Object.keys(multi ?? {}).map((n) => n.toLowerCase()));
    for (const [name, value] of Object.entries(headers ?? {})) if (!fromMulti.has(name.toLowerCase())) this.#header(name, value);
    for (const [name, values] of Object.entries(multi ?? {})) for (const value of values) this.#header(name, value);
  }

  #prelude(prelude: HttpPrelude): void {
    this.statusCode = prelude.statusCode;
    this.#headers(prelude.headers, prelude.multiValueHeaders);
    this.cookies.push(...(prelude.cookies ?? []));
  }

  #proxy(proxy: ProxyResult): Uint8Array {
    this.statusCode = proxy.statusCode;
    this.#headers(proxy.headers, proxy.multiValueHeaders);
    this.cookies.push(...(proxy.cookies ?? []));
    return Buffer.from(proxy.body, proxy.isBase64Encoded ? 'base64' : 'utf8');
  }

  result(durationMs: number): InvocationResult {
    const body = Buffer.concat(this.body);
    return {
      mode: this.mode,
      ...(this.commitReason ? { commitReason: this.commitReason } : {}),
      ...(this.statusCode === undefined ? {} : { statusCode: this.statusCode }),
      headers: this.headers,
      cookies: this.cookies,
      body,
      text: () => body.toString('utf8'),
      json: () => JSON.parse(body.toString('utf8')) as unknown,
      chunks: this.chunks,
      ...(this.error ? { error: this.error } : {}),
      payload: Buffer.concat(this.payload),
      durationMs,
    };
  }
}

/**
 * Runs a handler through the same core as the runtime and the managed-runtime adapters,
 * with no process and no socket, and resolves to what the caller would see: buffered or
 * streamed and why it committed, status, headers, cookies, the body and each chunk with its
 * time, and Lambda's error type and message (before or after the commit). The event's
 * source decides the response's shape exactly as in production (caller-fit responses).
 * Never rejects for a handler's failure: that is `result.error`. Options come only from
 * `options` (environment variables are not read, so tests do not depend on the shell).
 *
 * With a `TestScheduler` as `options.scheduler` it runs in virtual time: call it inside
 * `testScheduler.run(...)`, and await the promise after `run` returns.
 *
 * @example
 * ```ts
 * import { invokeHandler, sampleEvent } from 'rx-lambda/testing';
 * const result = await invokeHandler(handler, sampleEvent('apigw-http'));
 * assert.equal(result.statusCode, 200);
 * assert.deepEqual(result.json(), { ok: true });
 * ```
 */
export function invokeHandler<E>(handler: Handler<E>, event: E, options: InvokeHandlerOptions = {}): Promise<InvocationResult> {
  const scheduler = options.scheduler ?? asyncScheduler;
  const resolved = resolveRuntimeOptions(
    {
      ...(options.responseMode === undefined ? {} : { responseMode: options.responseMode }),
      ...(options.bufferLimit === undefined ? {} : { bufferLimit: options.bufferLimit }),
      ...(options.flushAfterMs === undefined ? {} : { flushAfterMs: options.flushAfterMs }),
      ...(options.highWaterMark === undefined ? {} : { highWaterMark: options.highWaterMark }),
      ...(options.restStreaming === undefined ? {} : { restStreaming: options.restStreaming }),
    },
    {},
  );
  const startedAt = scheduler.now();
  const builder = new ResultBuilder(() => scheduler.now() - startedAt);
  const timeoutMs = options.timeoutMs ?? DEFAULT_FUNCTION_TIMEOUT_SECONDS * 1000;
  return new Promise<InvocationResult>((resolve) => {
    runToResponse({
      handler: handler as Handler,
      event,
      context: (signal) => testContext(options, timeoutMs, scheduler, signal),
      options: resolved,
      outlet: { ready: () => undefined, queuedBytes: () => 0 },
      scheduler,
      timeoutSeconds: timeoutMs / 1000,
    }).subscribe({
      next: (step) => builder.take(step),
      complete: () => resolve(builder.result(scheduler.now() - startedAt)),
    });
  });
}
