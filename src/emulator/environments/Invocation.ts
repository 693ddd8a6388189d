import { randomBytes, randomUUID } from 'node:crypto';
import { LogTail } from './LogTail.js';
import type { InvocationOutcome } from './InvocationOutcome.js';

/**
 * Where an invocation's response goes: the buffered Invoke answer, the event stream, a
 * Function URL response, or nowhere (`Event` invokes).
 */
export interface InvocationConsumer {
  /** The runtime began its response, with this content type. Called at most once, before `write`. */
  start(contentType: string): void;
  /** Response bytes, as they arrive. A returned promise pauses the runtime until it settles. */
  write(bytes: Uint8Array): Promise<void> | undefined;
  /** The invocation ended; `logTail` is the base64 log tail. Called exactly once. */
  end(outcome: InvocationOutcome, logTail: string): void;
  /** The caller asked for the log tail (`LogType: Tail`): the end waits `LOG_TAIL_GRACE_MS` for output still in the pipe. */
  readonly wantsLogTail?: boolean;
}

/**
 * How long the end of an invocation whose caller asked for the log tail waits for output the
 * function printed just before it answered, ms (25). Its stdout is a pipe the emulator reads
 * while the answer arrives on another socket, so on a busy machine the last lines can come a
 * few milliseconds after the answer. Source: the emulator's own choice; only `Tail` callers pay it.
 */
export const LOG_TAIL_GRACE_MS = 25;

/** What the caller side gives when it creates an invocation. */
export interface InvocationRequest {
  readonly payload: Uint8Array;
  readonly functionArn: string;
  readonly timeoutSeconds: number;
  /** JSON text for `Lambda-Runtime-Client-Context`. */
  readonly clientContext?: string;
  /** Default: a new UUID. */
  readonly requestId?: string;
  readonly consumer: InvocationConsumer;
}

/** Lifecycle of an invocation: queued for a runtime, delivered by `/next`, responding, done. */
export type InvocationState = 'queued' | 'delivered' | 'responding' | 'done';

/**
 * One invocation of a function, from the caller's request until its outcome. The
 * Runtime API side drives it (`deliver`, `start`, `write`, `finish`); the caller side
 * consumes it through its `InvocationConsumer`.
 *
 * @example
 * ```ts
 * const invocation = new Invocation({ payload, functionArn, timeoutSeconds: 3, consumer });
 * invocation.done.then((outcome) => console.log(outcome.kind));
 * ```
 */
export class Invocation {
  readonly requestId: string;
  /** `Lambda-Runtime-Invocation-Id`, echoed back by newer runtimes. */
  readonly invocationId = randomUUID();
  readonly traceId: string;
  readonly payload: Uint8Array;
  readonly functionArn: string;
  readonly timeoutSeconds: number;
  readonly clientContext: string | undefined;
  readonly log = new LogTail();
  /** Epoch ms, set when a runtime receives the invocation. */
  deadlineMs = 0;
  /** Epoch ms when a runtime received it. */
  startedMs = 0;
  readonly done: Promise<InvocationOutcome>;
  /** Called just before the consumer hears the outcome (the environment logs END and REPORT here). */
  beforeEnd: ((outcome: InvocationOutcome) => void) | undefined;
  #state: InvocationState = 'queued';
  #started = false;
  readonly #consumer: InvocationConsumer;
  #resolve!: (outcome: InvocationOutcome) => void;

  constructor(request: InvocationRequest) {
    this.requestId = request.requestId ?? randomUUID();
    this.payload = request.payload;
    this.functionArn = request.functionArn;
    this.timeoutSeconds = request.timeoutSeconds;
    this.clientContext = request.clientContext;
    this.#consumer = request.consumer;
    const now = Math.floor(Date.now() / 1000).toString(16).padStart(8, '0');
    this.traceId = `Root=1-${now}-${randomBytes(12).toString('hex')};Parent=${randomBytes(8).toString('hex')};Sampled=0`;
    this.done = new Promise((resolve) => (this.#resolve = resolve));
  }

  get state(): InvocationState {
    return this.#state;
  }

  /** A runtime received the invocation on `/next`; its deadline starts now. */
  deliver(now = Date.now()): void {
    this.#state = 'delivered';
    this.startedMs = now;
    this.deadlineMs = now + this.timeoutSeconds * 1000;
  }

  /** The runtime began to answer (`/response` or `/error`); a second answer is now a 403. */
  claim(): void {
    if (this.#state === 'delivered') this.#state = 'responding';
  }

  /** The runtime's response bytes begin, with this content type. */
  start(contentType: string): void {
    this.claim();
    if (this.#state !== 'responding' || this.#started) return;
    this.#started = true;
    this.#consumer.start(contentType);
  }

  /** Response bytes from the runtime. */
  write(bytes: Uint8Array): Promise<void> | undefined {
    if (this.#state !== 'responding' || !this.#started || bytes.byteLength === 0) return undefined;
    return this.#consumer.write(bytes);
  }

  /**
   * Ends the invocation (the first call wins). The consumer hears of it one event-loop
   * turn later (`LOG_TAIL_GRACE_MS` later when it asked for the log tail), so output the
   * function printed just before it answered is in the tail.
   */
  finish(outcome: InvocationOutcome): boolean {
    if (this.#state === 'done') return false;
    this.#state = 'done';
    const end = (): void => {
      this.beforeEnd?.(outcome);
      this.#consumer.end(outcome, this.log.base64());
      this.#resolve(outcome);
    };
    if (this.#consumer.wantsLogTail === true) setTimeout(end, LOG_TAIL_GRACE_MS);
    else setImmediate(end);
    return true;
  }
}
