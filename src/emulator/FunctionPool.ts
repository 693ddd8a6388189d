import { EVENT_QUEUE_MAX_BYTES, EVENT_QUEUE_MAX_EVENTS } from './emulatorLimits.js';
import { ExecutionEnvironment } from './ExecutionEnvironment.js';
import type { ResolvedFunction } from './FunctionConfig.js';
import { functionArn } from './functionArn.js';
import { Invocation, type InvocationRequest } from './Invocation.js';

/**
 * The execution environments of one function: warm ones are reused, new ones start up
 * to the function's `concurrency`, and past that `tryInvoke` refuses (the caller answers
 * 429) while `invokeWhenFree` queues (`Event` invokes), up to `EVENT_QUEUE_MAX_EVENTS` and
 * `EVENT_QUEUE_MAX_BYTES`.
 *
 * @example
 * ```ts
 * const pool = new FunctionPool(fn, console.log);
 * if (!pool.tryInvoke(invocation)) throttle();
 * ```
 */
export class FunctionPool {
  readonly fn: ResolvedFunction;
  readonly #log: (line: string) => void;
  readonly #environments = new Set<ExecutionEnvironment>();
  readonly #waiting: Invocation[] = [];
  /** Payload bytes of `#waiting`. */
  #waitingBytes = 0;
  #closed = false;

  constructor(fn: ResolvedFunction, log: (line: string) => void) {
    this.fn = fn;
    this.#log = log;
  }

  /** Environments alive now (warm or busy). */
  get size(): number {
    return this.#environments.size;
  }

  /** A new invocation of this function, with the function's ARN and timeout. */
  invocation(request: Omit<InvocationRequest, 'functionArn' | 'timeoutSeconds'>): Invocation {
    return new Invocation({ ...request, functionArn: functionArn(this.fn.name), timeoutSeconds: this.fn.timeoutSeconds });
  }

  /** Runs the invocation in a free environment, or returns `false` when `concurrency` are busy. */
  tryInvoke(invocation: Invocation): boolean {
    if (this.#closed) return false;
    const environment = this.#free();
    if (!environment) return false;
    environment.invoke(invocation);
    return true;
  }

  /** Runs the invocation now, or as soon as an environment is free; `false` when the queue is full (or the pool closed). */
  invokeWhenFree(invocation: Invocation): boolean {
    if (this.tryInvoke(invocation)) return true;
    const size = invocation.payload.byteLength;
    if (this.#closed || this.#waiting.length >= EVENT_QUEUE_MAX_EVENTS || this.#waitingBytes + size > EVENT_QUEUE_MAX_BYTES) return false;
    this.#waiting.push(invocation);
    this.#waitingBytes += size;
    return true;
  }

  /** Stops every environment; waiting invocations are dropped. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#waiting.length = 0;
    this.#waitingBytes = 0;
    await Promise.all([...this.#environments].map((environment) => environment.stop()));
    this.#environments.clear();
  }

  #free(): ExecutionEnvironment | undefined {
    for (const environment of this.#environments) if (environment.state === 'idle') return environment;
    if (this.#environments.size >= this.fn.concurrency) return undefined;
    const environment = new ExecutionEnvironment({
      fn: this.fn,
      log: this.#log,
      onFree: (freed) => this.#release(freed),
    });
    this.#environments.add(environment);
    return environment;
  }

  #release(environment: ExecutionEnvironment): void {
    if (environment.state === 'dead') this.#environments.delete(environment);
    if (this.#closed) return;
    const next = this.#waiting.shift();
    if (!next) return;
    if (this.tryInvoke(next)) this.#waitingBytes -= next.payload.byteLength;
    else this.#waiting.unshift(next);
  }
}
