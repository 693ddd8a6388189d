import { EVENT_QUEUE_MAX_BYTES, EVENT_QUEUE_MAX_EVENTS } from '../emulatorLimits.js';
import { ExecutionEnvironment } from './ExecutionEnvironment.js';
import type { ResolvedFunction } from '../config/FunctionConfig.js';
import { functionArn } from '../service/functionArn.js';
import { Invocation, type InvocationRequest } from './Invocation.js';

/**
 * The execution environments of one function: warm ones with a free slot are reused
 * (a slot frees when the runtime asks `/next` again), new ones start up to the function's `concurrency`, and past that `tryInvoke` refuses (the caller answers
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
  #fn: ResolvedFunction;
  readonly #log: (line: string) => void;
  readonly #environments = new Set<ExecutionEnvironment>();
  readonly #waiting: Invocation[] = [];
  /** Payload bytes of `#waiting`. */
  #waitingBytes = 0;
  #closed = false;

  constructor(fn: ResolvedFunction, log: (line: string) => void) {
    this.#fn = fn;
    this.#log = log;
  }

  /** Writes one console line. */
  log(line: string): void {
    this.#log(line);
  }

  /** The function as new environments run it. */
  get fn(): ResolvedFunction {
    return this.#fn;
  }

  /**
   * New code: later invocations run `fn` in fresh environments, while invocations in
   * flight finish on the old ones, which then stop.
   */
  reload(fn: ResolvedFunction): void {
    this.#fn = fn;
    for (const environment of this.#environments) environment.retire();
  }

  /** Environments alive now (warm or busy). */
  get size(): number {
    return this.#environments.size;
  }

  /** A new invocation of this function, with the function's ARN and timeout. */
  invocation(request: Omit<InvocationRequest, 'functionArn' | 'timeoutSeconds'>): Invocation {
    return new Invocation({ ...request, functionArn: functionArn(this.fn.name), timeoutSeconds: this.fn.timeoutSeconds });
  }

  /**
   * Runs the invocation in a free environment, or returns `false` when `concurrency` are
   * busy. An environment whose runtime answered but has not asked `/next` yet is about to be
   * free: the invocation waits for it rather than being refused.
   */
  tryInvoke(invocation: Invocation): boolean {
    if (this.#closed) return false;
    const environment = this.#free();
    if (environment) {
      environment.invoke(invocation);
      return true;
    }
    let finishing = 0;
    for (const each of this.#environments) finishing += each.finishing;
    if (finishing <= this.#waiting.length) return false;
    this.#waiting.push(invocation);
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
    for (const environment of this.#environments) if (environment.available) return environment;
    // A dead environment (its process still stopping) no longer counts against `concurrency`.
    let alive = 0;
    for (const environment of this.#environments) if (environment.state !== 'dead') alive += 1;
    if (alive >= this.fn.concurrency) return undefined;
    const environment = new ExecutionEnvironment({
      fn: this.#fn,
      log: this.#log,
      onFree: (freed) => this.#release(freed),
    });
    this.#environments.add(environment);
    return environment;
  }

  #release(environment: ExecutionEnvironment): void {
    if (environment.state === 'dead') this.#environments.delete(environment);
    if (this.#closed) return;
    for (let free = this.#free(); free && this.#waiting.length > 0; free = this.#free()) {
      const next = this.#waiting.shift()!;
      this.#waitingBytes -= next.payload.byteLength;
      free.invoke(next);
    }
  }
}
