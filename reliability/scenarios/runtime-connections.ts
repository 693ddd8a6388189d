import { interval, map, of, timer } from 'rxjs';
import type { Handler } from '../../src/handler.js';
import { startRuntime, type RuntimeOptions } from '../../src/runtime/index.js';
import type { ReliabilityScenario } from '../ReliabilityScenario.js';
import { answer, ScriptedServer, type ScriptedConnection, type ScriptedRequest } from '../../test-support/ScriptedServer.js';

/** Longest an invocation may wait for its answer to reach the Runtime API, ms. */
const ANSWER_WITHIN_MS = 3_000;
const RESPONSE_PATH = /^\/2018-06-01\/runtime\/invocation\/([^/]+)\/(response|error)$/;

/**
 * A Runtime API on a raw scripted server: `/next` hands out queued events (or waits), each
 * `/response` or `/error` is recorded by request id. `closeEveryAnswer` answers everything
 * with `Connection: close` and closes; `onResponseHead` lets a scenario cut or answer a
 * response early.
 */
class ScriptedRuntimeApi {
  readonly answers = new Map<string, { kind: string; body: string }>();
  closeEveryAnswer = false;
  onResponseHead: (requestId: string, connection: ScriptedConnection) => void = () => undefined;
  readonly #queue: { id: string; event: unknown; deadlineMs: number }[] = [];
  readonly #waiting: ScriptedConnection[] = [];
  readonly #listeners = new Set<() => void>();

  constructor(readonly server: ScriptedServer) {
    server.onHead = (request, connection) => {
      const match = RESPONSE_PATH.exec(request.path);
      if (match) this.onResponseHead(match[1]!, connection);
    };
    server.onRequest = (request, connection) => this.#request(request, connection);
  }

  enqueue(id: string, event: unknown, deadlineMs = Date.now() + 30_000): void {
    this.#queue.push({ id, event, deadlineMs });
    this.#serve();
  }

  /** The answer to `id` once recorded, or undefined after `ms`. */
  answerTo(id: string, ms = ANSWER_WITHIN_MS): Promise<{ kind: string; body: string } | undefined> {
    return new Promise((resolve) => {
      const check = (): void => {
        const found = this.answers.get(id);
        if (!found) return;
        this.#listeners.delete(check);
        clearTimeout(timeout);
        resolve(found);
      };
      const timeout = setTimeout(() => {
        this.#listeners.delete(check);
        resolve(undefined);
      }, ms);
      this.#listeners.add(check);
      check();
    });
  }

  #reply(connection: ScriptedConnection, text: string): void {
    if (this.closeEveryAnswer) connection.socket.end(text);
    else connection.socket.write(text);
  }

  #request(request: ScriptedRequest, connection: ScriptedConnection): void {
    const close: Record<string, string> = this.closeEveryAnswer ? { Connection: 'close' } : {};
    if (request.method === 'GET') {
      this.#waiting.push(connection);
      return this.#serve();
    }
    const match = RESPONSE_PATH.exec(request.path);
    if (!match) return this.#reply(connection, answer(404, '{}', close));
    if (!this.answers.has(match[1]!)) this.answers.set(match[1]!, { kind: match[2]!, body: request.body.toString() });
    for (const listener of [...this.#listeners]) listener();
    if (!connection.socket.destroyed) this.#reply(connection, answer(202, '{"status":"OK"}', close));
  }

  #serve(): void {
    while (this.#queue.length > 0 && this.#waiting.length > 0) {
      const connection = this.#waiting.shift()!;
      if (connection.socket.destroyed) continue;
      const { id, event, deadlineMs } = this.#queue.shift()!;
      this.#reply(
        connection,
        answer(200, JSON.stringify(event), {
          'Lambda-Runtime-Aws-Request-Id': id,
          'Lambda-Runtime-Deadline-Ms': String(deadlineMs),
          'Lambda-Runtime-Invoked-Function-Arn': 'arn:aws:lambda:us-east-1:000000000000:function:scripted',
          ...(this.closeEveryAnswer ? { Connection: 'close' } : {}),
        }),
      );
    }
  }
}

/** Runs `startRuntime` in this process against a fresh scripted Runtime API for `body`, then stops both. */
async function withRuntime(
  handler: Handler,
  options: RuntimeOptions,
  body: (api: ScriptedRuntimeApi, failed: () => unknown) => Promise<void>,
): Promise<void> {
  const server = await ScriptedServer.start();
  const api = new ScriptedRuntimeApi(server);
  const controller = new AbortController();
  let failure: unknown;
  const done = startRuntime(handler, { runtimeApi: server.address, signal: controller.signal, patchConsole: false, log: () => undefined, ...options })
    .catch((error: unknown) => {
      failure = error;
    });
  try {
    await body(api, () => failure);
  } finally {
    controller.abort();
    await done;
    await server.close();
  }
}

const echo: Handler = (event) => of({ echo: event });

const connectionClose: ReliabilityScenario = {
  name: 'runtime: Runtime API answers Connection: close to everything -> every invocation answered, none mismatched',
  ciRuns: 20,
  longRuns: 1_000,
  async run(runs) {
    const failures: string[] = [];
    let lost = 0;
    await withRuntime(echo, { responseMode: 'buffered' }, async (api, failed) => {
      api.closeEveryAnswer = true;
      for (let i = 0; i < runs && !failed(); i++) {
        api.enqueue(`close-${i}`, { i });
        const got = await api.answerTo(`close-${i}`);
        if (!got) lost++;
        else if (got.kind !== 'response' || got.body !== JSON.stringify({ echo: { i } })) failures.push(`close-${i}: ${got.kind} ${got.body.slice(0, 100)}`);
      }
      if (failed()) failures.push(`the runtime stopped: ${String(failed())}`);
    });
    return { runs, failures, lost };
  },
};

/** Streams 1 KiB every millisecond while `event.endless`, else answers `ok`. */
const endlessOrOk: Handler<{ endless?: boolean }> = (event) => (event.endless ? interval(1).pipe(map(() => 'x'.repeat(1024))) : of('ok'));

/**
 * Streams `disrupted-<i>` endlessly while the Runtime API `disrupt`s its `/response`, then
 * expects `next-<i>` answered: the scenario body both stream-fault scenarios share.
 */
async function disruptedThenNext(runs: number, disrupt: (connection: ScriptedConnection) => void) {
  const failures: string[] = [];
  let lost = 0;
  let malformed = 0;
  await withRuntime(endlessOrOk as Handler, { flushAfterMs: 0, bufferLimit: 0 }, async (api, failed) => {
    api.onResponseHead = (id, connection) => {
      if (id.startsWith('disrupted')) disrupt(connection);
    };
    for (let i = 0; i < runs && !failed(); i++) {
      api.enqueue(`disrupted-${i}`, { endless: true });
      api.enqueue(`next-${i}`, {});
      const got = await api.answerTo(`next-${i}`);
      if (!got) lost++;
      else if (got.body !== 'ok') failures.push(`next-${i}: ${got.kind} ${got.body.slice(0, 100)}`);
    }
    malformed = api.server.malformed;
    if (failed()) failures.push(`the runtime stopped: ${String(failed())}`);
  });
  if (malformed > 0) failures.push(`${malformed} requests were written into an unfinished chunked body`);
  return { runs, failures, lost };
}

const resetThenNext: ReliabilityScenario = {
  name: 'runtime: /response reset mid-stream -> the next invocation is answered',
  ciRuns: 5,
  longRuns: 200,
  run: (runs) => disruptedThenNext(runs, (connection) => setTimeout(() => connection.socket.resetAndDestroy(), 20)),
};

const earlyAnswerThenNext: ReliabilityScenario = {
  name: 'runtime: 413 while a stream is written -> the body stops, the next invocation is answered on a fresh connection',
  ciRuns: 5,
  longRuns: 200,
  // Answers before the body ends and keeps the connection open.
  run: (runs) => disruptedThenNext(runs, (connection) => connection.socket.write(answer(413, '{"errorType":"RequestEntityTooLarge"}'))),
};

const farDeadline: ReliabilityScenario = {
  name: 'runtime: a deadline 30 days away (past a timer\'s range) -> answered, not timed out',
  ciRuns: 2,
  longRuns: 20,
  async run(runs) {
    const failures: string[] = [];
    let lost = 0;
    const later: Handler = (event) => timer(20).pipe(map(() => ({ echo: event })));
    await withRuntime(later, { responseMode: 'buffered' }, async (api) => {
      for (let i = 0; i < runs; i++) {
        api.enqueue(`far-${i}`, { i }, Date.now() + 30 * 86_400_000);
        const got = await api.answerTo(`far-${i}`);
        if (!got) lost++;
        else if (got.kind !== 'response') failures.push(`far-${i}: ${got.kind} ${got.body.slice(0, 200)}`);
      }
    });
    return { runs, failures, lost };
  },
};

export default [connectionClose, resetThenNext, earlyAnswerThenNext, farDeadline];
