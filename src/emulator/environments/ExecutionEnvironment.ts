import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Readable } from 'node:stream';
import {
  ENVIRONMENT_STOP_GRACE_MS,
  INIT_TIMEOUT_SECONDS,
  LOG_LINE_MAX_BYTES,
  TRUNCATED_RESPONSE_EXIT_GRACE_MS,
} from '../emulatorLimits.js';
import { EMULATOR_REGION } from '../service/functionArn.js';
import type { ResolvedFunction } from '../config/FunctionConfig.js';
import type { Invocation } from './Invocation.js';
import { errorOutcome, type InvocationOutcome } from './InvocationOutcome.js';
import { runtimeCommand } from './runtimeCommand.js';
import { RuntimeApiServer } from '../runtimeApi/RuntimeApiServer.js';
import { EMULATOR_PID_VARIABLE } from './watchEmulatorPipe.js';

/** Variables of the emulator's own environment a function process inherits. */
const INHERITED_VARIABLES = [
  'PATH',
  'HOME',
  'TMPDIR',
  'NODE_V8_COVERAGE',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  // A named profile, so the AWS SDK in a function calls real services with the developer's credentials.
  'AWS_PROFILE',
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
] as const;

/**
 * The module every Node function process loads first (`NODE_OPTIONS=--import`), so it ends
 * when the emulator's process ends; it exists once the package is built.
 */
const PIPE_WATCHER = new URL('../../../dist/emulator/environments/watchEmulatorPipe.js', import.meta.url);
/** What V8 prints when a process outgrows its heap limit. Source: V8's fatal OOM message. */
const OUT_OF_MEMORY_LINE = /JavaScript heap out of memory|Reached heap limit/;

/** Lifecycle of an execution environment: not started, running its process, or stopped for good. */
export type EnvironmentState = 'cold' | 'running' | 'dead';

/** What an execution environment needs from the emulator. */
export interface EnvironmentOptions {
  readonly fn: ResolvedFunction;
  /** One line of console output. */
  readonly log: (line: string) => void;
  /** Called when the environment can take another invocation (its runtime asked `/next` again) or has died. */
  readonly onFree: (environment: ExecutionEnvironment) => void;
}

/**
 * One execution environment: a runtime process with its own Runtime API, started on its
 * first invocation and kept warm while it stays healthy (no idle limit: until the
 * emulator stops). It runs `maxConcurrency` invocations at once (1 unless the function
 * says so, as with Lambda Managed Instances) and takes another only when its runtime asks
 * `/next` again, not when a response ends. It is the one owner of an invocation's end:
 * the deadline timer starts on delivery and is cleared when the invocation ends; at the
 * deadline it stops the process; it fails the invocations of a process that exits
 * (`Runtime.ExitError`) or fails init, and it tags and keeps the process's output.
 *
 * @example
 * ```ts
 * const env = new ExecutionEnvironment({ fn, log: console.log, onFree: (e) => pool.release(e) });
 * env.invoke(invocation);
 * ```
 */
export class ExecutionEnvironment {
  readonly #options: EnvironmentOptions;
  readonly #api: RuntimeApiServer;
  #state: EnvironmentState = 'cold';
  #child: ChildProcess | undefined;
  #exited: Promise<void> | undefined;
  /** Invocations given to this environment without an outcome yet. */
  readonly #invocations = new Set<Invocation>();
  /** Deadline (or truncation grace) timer of each running invocation. */
  readonly #timers = new Map<Invocation, NodeJS.Timeout>();
  #initTimer: NodeJS.Timeout | undefined;
  /** Invocations the runtime can take now: `maxConcurrency` at first, one more at each later `/next`. */
  #freeSlots: number;
  #nextRequests = 0;
  #retired = false;
  #stopping: Promise<void> | undefined;
  #initOutcome: InvocationOutcome | undefined;
  #startedMs = 0;
  #initDurationMs: number | undefined;
  /** The process printed V8's out-of-memory message: its exit is `Runtime.OutOfMemory`. */
  #outOfMemory = false;
  readonly #logStream: string;

  constructor(options: EnvironmentOptions) {
    this.#options = options;
    this.#freeSlots = options.fn.maxConcurrency;
    this.#api = new RuntimeApiServer({
      delivered: (invocation) => this.#delivered(invocation),
      nextRequested: () => this.#nextRequested(),
      initError: (outcome) => this.#failInit(outcome),
      truncated: (invocation, outcome) => {
        // A connection cut by the process's exit is an exit: give the exit a moment to be seen.
        this.#setTimer(invocation, () => this.#fail(invocation, outcome), TRUNCATED_RESPONSE_EXIT_GRACE_MS);
      },
    });
    const day = new Date().toISOString().slice(0, 10).replaceAll('-', '/');
    this.#logStream = `${day}/[$LATEST]${randomBytes(16).toString('hex')}`;
  }

  get state(): EnvironmentState {
    return this.#state;
  }

  /** Whether `invoke` may be called: alive, not retired, with a free slot. */
  get available(): boolean {
    return this.#state !== 'dead' && !this.#retired && this.#freeSlots > 0;
  }

  /** Takes no more invocations, and stops once those it runs have ended (its code was replaced). */
  retire(): void {
    this.#retired = true;
    if (this.#invocations.size === 0) void this.stop();
  }

  /** Slots whose invocation has ended but whose runtime has not asked `/next` again yet. */
  get finishing(): number {
    if (this.#state === 'dead') return 0;
    return this.#options.fn.maxConcurrency - this.#freeSlots - this.#invocations.size;
  }

  /** Runs `invocation` here; the environment must be `available`. */
  invoke(invocation: Invocation): void {
    if (!this.available) throw new Error(`environment is ${this.#state} with no free slot`);
    const cold = this.#state === 'cold';
    this.#state = 'running';
    this.#freeSlots -= 1;
    this.#invocations.add(invocation);
    invocation.beforeEnd = (outcome) => this.#ended(invocation, outcome);
    if (cold) {
      this.#start().catch((error: unknown) =>
        this.#fail(invocation, errorOutcome('Runtime.InitError', `could not start the runtime: ${String(error)}`)),
      );
    }
    this.#api.assign(invocation);
  }

  /** Stops the process (SIGTERM, then SIGKILL after a grace period) and the Runtime API. */
  async stop(): Promise<void> {
    if (this.#stopping) return this.#stopping;
    this.#stopping = this.#stop();
    return this.#stopping;
  }

  async #stop(): Promise<void> {
    this.#state = 'dead';
    this.#clearTimers();
    const child = this.#child;
    if (child && child.exitCode === null && child.signalCode === null) {
      signal(child, 'SIGTERM');
      const grace = setTimeout(() => signal(child, 'SIGKILL'), ENVIRONMENT_STOP_GRACE_MS);
      await this.#exited;
      clearTimeout(grace);
    } else {
      const outcome = errorOutcome('Runtime.ExitError', 'The emulator is shutting down.');
      for (const invocation of this.#invocations) this.#api.settle(invocation, outcome);
    }
    await this.#api.close();
    this.#options.onFree(this);
  }

  async #start(): Promise<void> {
    const { fn } = this.#options;
    this.#startedMs = Date.now();
    const command = runtimeCommand(fn);
    if (command.kind === 'unavailable') {
      this.#print(`${command.errorType}: ${command.message}`);
      this.#failInit(errorOutcome(command.errorType, command.message));
      return;
    }
    const address = await this.#api.listen('127.0.0.1');
    if (this.#state === 'dead') return;
    const child = spawn(command.command, [...command.args], {
      cwd: fn.taskRoot,
      env: this.#environment(address),
      // fd 3: a pipe the process watches; its end of file means the emulator is gone.
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
      // Its own process group, so a bootstrap's children stop with it.
      detached: true,
      shell: false,
    });
    this.#child = child;
    this.#exited = new Promise((resolve) => {
      child.once('close', () => resolve());
      child.once('error', () => {
        if (child.pid === undefined) resolve();
      });
    });
    this.#pipe(child.stdout!);
    this.#pipe(child.stderr!);
    // The emulator's end of the watched pipe: nothing is written to it; reading lets its end of file close it.
    (child.stdio[3] as Readable | null)?.on('error', () => undefined).resume();
    child.once('error', (error: NodeJS.ErrnoException) => {
      const message = `could not start ${command.command}: ${error.code ?? error.message}`;
      this.#print(`Runtime.InvalidEntrypoint: ${message}`);
      const outcome = errorOutcome('Runtime.InvalidEntrypoint', message);
      // A process that never started has no exit to wait for.
      if (child.pid === undefined) this.#failInit(outcome);
      else this.#initOutcome ??= outcome;
    });
    child.once('close', (code, signalName) => this.#exit(code, signalName));
    this.#initTimer = setTimeout(() => {
      this.#failInit(
        errorOutcome('Sandbox.Timedout', `Init timed out after ${INIT_TIMEOUT_SECONDS.toFixed(2)} seconds`),
      );
    }, INIT_TIMEOUT_SECONDS * 1000);
  }

  #environment(address: string): NodeJS.ProcessEnv {
    const { fn } = this.#options;
    const env: NodeJS.ProcessEnv = { LANG: 'en_US.UTF-8', TZ: ':UTC' };
    for (const name of INHERITED_VARIABLES) if (process.env[name] !== undefined) env[name] = process.env[name];
    Object.assign(env, fn.environment);
    if (fn.responseMode) env.RX_LAMBDA_RESPONSE_MODE ??= fn.responseMode;
    if (fn.maxConcurrency > 1) env.AWS_LAMBDA_MAX_CONCURRENCY = String(fn.maxConcurrency);
    if (existsSync(PIPE_WATCHER)) {
      env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ''} --import=${PIPE_WATCHER.href}`.trim();
      env[EMULATOR_PID_VARIABLE] = String(process.pid);
    }
    const region = process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || EMULATOR_REGION;
    // Reserved variables: the function's environment cannot override them.
    Object.assign(env, {
      AWS_LAMBDA_RUNTIME_API: address,
      _HANDLER: fn.handler,
      LAMBDA_TASK_ROOT: fn.taskRoot,
      AWS_LAMBDA_FUNCTION_NAME: fn.name,
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memoryMB),
      AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${fn.name}`,
      AWS_LAMBDA_LOG_STREAM_NAME: this.#logStream,
      AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
      // The developer's region, so SDK calls from a function reach the services they mean; ARNs stay the emulator's.
      AWS_REGION: region,
      AWS_DEFAULT_REGION: region,
    });
    return env;
  }

  /**
   * The runtime asked `/next`. Its first `maxConcurrency` asks end init (one per worker);
   * each later one means a worker finished its invocation, so a slot is free again.
   */
  #nextRequested(): void {
    this.#nextRequests += 1;
    if (this.#initTimer) clearTimeout(this.#initTimer);
    this.#initTimer = undefined;
    if (this.#nextRequests <= this.#options.fn.maxConcurrency || this.#state === 'dead') return;
    this.#freeSlots += 1;
    this.#options.onFree(this);
  }

  #delivered(invocation: Invocation): void {
    if (this.#initDurationMs === undefined) this.#initDurationMs = invocation.startedMs - this.#startedMs;
    this.#line(invocation, `START RequestId: ${invocation.requestId} Version: $LATEST`);
    this.#setTimer(invocation, () => {
      const seconds = invocation.timeoutSeconds.toFixed(2);
      this.#line(invocation, `${new Date().toISOString()} ${invocation.requestId} Task timed out after ${seconds} seconds`);
      this.#fail(
        invocation,
        errorOutcome('Sandbox.Timedout', `RequestId: ${invocation.requestId} Error: Task timed out after ${seconds} seconds`),
        true,
      );
    }, Math.max(0, invocation.deadlineMs - Date.now()));
  }

  /** An init failure: every invocation here fails with it, and the process is stopped. */
  #failInit(outcome: InvocationOutcome): void {
    this.#initOutcome ??= outcome;
    const first = this.#invocations.values().next().value;
    if (first) {
      for (const invocation of this.#invocations) if (invocation !== first) this.#api.settle(invocation, outcome);
      this.#fail(first, outcome);
    } else this.#kill();
  }

  /** Fails `invocation` and discards the environment: the next invoke starts fresh. */
  #fail(invocation: Invocation, outcome: InvocationOutcome, timedOut = false): void {
    this.#state = 'dead';
    this.#clearTimers();
    this.#api.settle(invocation, outcome, timedOut);
    this.#kill();
  }

  #exit(code: number | null, signalName: NodeJS.Signals | null): void {
    this.#state = 'dead';
    this.#clearTimers();
    const reason =
      signalName !== null
        ? `Runtime exited with error: signal: ${signalName === 'SIGKILL' ? 'killed' : signalName}`
        : code === 0
          ? 'Runtime exited without providing a reason'
          : `Runtime exited with error: exit status ${code}`;
    for (const invocation of this.#invocations) {
      if (invocation.state === 'done') continue;
      const errorType = this.#outOfMemory ? 'Runtime.OutOfMemory' : 'Runtime.ExitError';
      const outcome = this.#initOutcome ?? errorOutcome(errorType, `RequestId: ${invocation.requestId} Error: ${reason}`);
      this.#api.settle(invocation, outcome);
    }
    void this.#api.close();
    this.#options.onFree(this);
  }

  /** The invocation's outcome is about to reach its caller: its deadline timer ends, END and REPORT are logged. */
  #ended(invocation: Invocation, outcome: InvocationOutcome): void {
    this.#clearTimer(invocation);
    if (outcome.kind === 'error' && !outcome.errorType.startsWith('Sandbox.')) {
      this.#line(invocation, `${invocation.requestId} ${outcome.errorType}: ${outcome.errorMessage}`);
    }
    if (invocation.startedMs > 0) {
      const duration = Date.now() - invocation.startedMs;
      this.#line(invocation, `END RequestId: ${invocation.requestId}`);
      const init = this.#initDurationMs !== undefined && this.#initDurationMs >= 0 ? `\tInit Duration: ${this.#initDurationMs} ms` : '';
      this.#line(
        invocation,
        `REPORT RequestId: ${invocation.requestId}\tDuration: ${duration.toFixed(2)} ms\tBilled Duration: ${Math.max(1, Math.ceil(duration))} ms\tMemory Size: ${this.#options.fn.memoryMB} MB${init}`,
      );
      this.#initDurationMs = -1;
    }
    this.#invocations.delete(invocation);
    if (this.#retired && this.#invocations.size === 0) void this.stop();
  }

  #pipe(stream: Readable): void {
    stream.setEncoding('utf8');
    let rest = '';
    stream.on('data', (text: string) => {
      rest += text;
      let newline: number;
      while ((newline = rest.indexOf('\n')) >= 0) {
        this.#output(rest.slice(0, newline));
        rest = rest.slice(newline + 1);
      }
      while (rest.length > LOG_LINE_MAX_BYTES) {
        this.#output(rest.slice(0, LOG_LINE_MAX_BYTES));
        rest = rest.slice(LOG_LINE_MAX_BYTES);
      }
    });
    stream.on('end', () => {
      if (rest) this.#output(rest);
      rest = '';
    });
  }

  /** One line the function printed. */
  #output(text: string): void {
    const line = text.endsWith('\r') ? text.slice(0, -1) : text;
    if (OUT_OF_MEMORY_LINE.test(line)) this.#outOfMemory = true;
    // With several invocations at once a line cannot be told apart: it goes to the console untagged.
    const only = this.#invocations.size === 1 ? this.#invocations.values().next().value : undefined;
    if (only) this.#line(only, line);
    else this.#print(line);
  }

  /** A line of an invocation's log: kept for its tail and shown on the console. */
  #line(invocation: Invocation, line: string): void {
    invocation.log.append(`${line}\n`);
    this.#options.log(`[${this.#options.fn.name} ${invocation.requestId}] ${line}`);
  }

  #print(line: string): void {
    this.#options.log(`[${this.#options.fn.name}] ${line}`);
  }

  #kill(): void {
    if (this.#child) signal(this.#child, 'SIGKILL');
    else if (this.#state === 'dead' && !this.#exited) {
      void this.#api.close();
      this.#options.onFree(this);
    }
  }

  #setTimer(invocation: Invocation, action: () => void, ms: number): void {
    this.#clearTimer(invocation);
    this.#timers.set(invocation, setTimeout(action, ms));
  }

  #clearTimer(invocation: Invocation): void {
    clearTimeout(this.#timers.get(invocation));
    this.#timers.delete(invocation);
  }

  #clearTimers(): void {
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
    if (this.#initTimer) clearTimeout(this.#initTimer);
    this.#initTimer = undefined;
  }
}

/** Signals a child's whole process group, falling back to the child alone. */
function signal(child: ChildProcess, name: NodeJS.Signals): void {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  try {
    process.kill(-child.pid, name);
  } catch {
    child.kill(name);
  }
}
