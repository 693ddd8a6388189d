import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { finalize, interval, map, Observable, of } from 'rxjs';
import { BackpressureOverflowError } from '../../src/errors.js';
import type { Handler } from '../../src/handler.js';
import { startRuntime, type RuntimeOptions } from '../../src/runtime/index.js';
import { NEXT_MAX_ATTEMPTS } from '../../src/runtime/startRuntime.js';
import type { ReliabilityScenario } from '../ReliabilityScenario.js';
import { FaultyRuntimeApi } from '../../test-support/FaultyRuntimeApi.js';
import { liveBytes, MB } from './support/resources.js';
import { exitWithin, spawnBootstrap } from './support/spawnBootstrap.js';

/** Longest a runtime process may take to exit after a fatal Runtime API answer, ms. */
const EXIT_WITHIN_MS = 10_000;
/** Longest an invocation may take to end after its response connection was reset, ms. */
const END_AFTER_RESET_MS = 3_000;

/** Runs `startRuntime` in this process against `api` until `stop()`. */
function runtimeAgainst(api: FaultyRuntimeApi, handler: Handler, options: RuntimeOptions = {}) {
  const controller = new AbortController();
  const logs: string[] = [];
  let failure: unknown;
  const done = startRuntime(handler, {
    runtimeApi: api.address,
    signal: controller.signal,
    patchConsole: false,
    log: (line) => {
      if (logs.length < 1000) logs.push(line);
    },
    ...options,
  }).catch((error: unknown) => {
    failure = error;
  });
  return {
    logs,
    failed: () => failure,
    async stop() {
      controller.abort();
      await done;
    },
  };
}

const exitOn500: ReliabilityScenario = {
  name: 'runtime: Runtime API answers 500 -> the process exits',
  ciRuns: 2,
  longRuns: 10,
  async run(runs) {
    const failures: string[] = [];
    for (let i = 0; i < runs; i++) {
      const api = await FaultyRuntimeApi.start();
      // Even runs: /next answers 500. Odd runs: /response answers 500.
      if (i % 2 === 0) api.nextStatus = 500;
      else api.faultFor = () => ({ kind: 'status', status: 500 });
      api.enqueue(`r${i}`, { n: i });
      const bootstrap = spawnBootstrap(api.address, 'handlers.echo', { RX_LAMBDA_RESPONSE_MODE: 'buffered' });
      const exit = await exitWithin(bootstrap, EXIT_WITHIN_MS);
      if (!exit) failures.push(`run ${i}: still running ${EXIT_WITHIN_MS} ms after a 500`);
      else if (exit.code !== 1) failures.push(`run ${i}: exited with ${exit.code}, not 1: ${bootstrap.output().slice(-500)}`);
      await api.close();
    }
    return { runs, failures, lost: 0 };
  },
};

const goOnAfter410: ReliabilityScenario = {
  name: 'runtime: Runtime API answers 410 -> the runtime goes on',
  ciRuns: 100,
  longRuns: 5_000,
  async run(runs) {
    const failures: string[] = [];
    const api = await FaultyRuntimeApi.start();
    api.faultFor = (id) => ({ kind: 'status', status: id.startsWith('gone') ? 410 : 202 });
    const runtime = runtimeAgainst(api, (event) => of(event), { responseMode: 'buffered' });
    let lost = 0;
    for (let i = 0; i < runs; i++) {
      api.enqueue(`gone-${i}`, { i });
      api.enqueue(`ok-${i}`, { i });
      const answer = await api.answerTo(`ok-${i}`, 5_000);
      if (!answer) lost++;
      else if (answer.body.toString() !== JSON.stringify({ i })) failures.push(`ok-${i}: wrong body ${answer.body.toString()}`);
      if (runtime.failed()) {
        failures.push(`the runtime stopped: ${String(runtime.failed())}`);
        break;
      }
    }
    if (!runtime.logs.some((line) => line.includes('410'))) failures.push('the 410 answers were not logged');
    await runtime.stop();
    await api.close();
    return { runs, failures, lost };
  },
};

const resetMidStream: ReliabilityScenario = {
  name: 'runtime: connection reset mid-stream -> the invocation ends, the runtime goes on',
  ciRuns: 5,
  longRuns: 200,
  async run(runs) {
    const failures: string[] = [];
    const api = await FaultyRuntimeApi.start();
    api.faultFor = (id) => (id.startsWith('reset') ? { kind: 'reset', afterBytes: 4096 } : { kind: 'status', status: 202 });
    const tornDown = new Map<string, () => void>();
    const handler: Handler<{ endless?: boolean }> = (event, context) =>
      event.endless
        ? interval(1).pipe(
            map(() => 'x'.repeat(1024)),
            finalize(() => tornDown.get(context.awsRequestId)?.()),
          )
        : of('ok');
    const runtime = runtimeAgainst(api, handler as Handler, { flushAfterMs: 0, bufferLimit: 0 });
    let lost = 0;
    let slowest = 0;
    for (let i = 0; i < runs; i++) {
      const id = `reset-${i}`;
      const started = performance.now();
      const ended = new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), END_AFTER_RESET_MS);
        tornDown.set(id, () => {
          clearTimeout(timer);
          resolve(true);
        });
      });
      api.enqueue(id, { endless: true });
      api.enqueue(`after-${i}`, {});
      if (!(await ended)) failures.push(`${id}: the handler still ran ${END_AFTER_RESET_MS} ms after its connection was reset`);
      slowest = Math.max(slowest, performance.now() - started);
      tornDown.delete(id);
      const after = await api.answerTo(`after-${i}`, 10_000);
      if (!after) lost++;
      else if (after.body.toString() !== 'ok') failures.push(`after-${i}: wrong body ${after.body.toString()}`);
      if (runtime.failed()) {
        failures.push(`the runtime stopped: ${String(runtime.failed())}`);
        break;
      }
    }
    await runtime.stop();
    await api.close();
    return { runs, failures, lost, notes: `slowest end after a reset ${slowest.toFixed(0)} ms` };
  },
};

/** Bytes a pull source streams to the slow reader per run (48 MiB). */
const SLOW_STREAM_BYTES = 48 * MB;
/** Largest lead of a pull source over a slow reader allowed (socket and kernel buffers), bytes. */
const MAX_LEAD_BYTES = 16 * MB;
/** Largest growth of live memory over one slow-reader run, bytes. */
const MAX_GROWTH_BYTES = 20 * MB;

const slowReader: ReliabilityScenario = {
  name: 'runtime: slow reader -> backpressure, no memory growth',
  ciRuns: 2,
  longRuns: 20,
  async run(runs) {
    const failures: string[] = [];
    const api = await FaultyRuntimeApi.start();
    let produced = 0;
    let received = 0;
    let maxLead = 0;
    api.faultFor = () => ({
      kind: 'slow',
      onBytes: (bytes) => {
        received = bytes;
      },
    });
    const chunk = Buffer.alloc(64 * 1024, 0x62);
    const handler: Handler<{ push?: boolean }> = (event) =>
      event.push
        ? // A push source: emits on a timer whatever the socket does; it must be stopped, not buffered.
          new Observable<Uint8Array>((subscriber) => {
            const timer = setInterval(() => {
              for (let k = 0; k < 4; k++) subscriber.next(chunk);
            }, 0);
            return () => clearInterval(timer);
          })
        : (async function* () {
            for (produced = 0; produced < SLOW_STREAM_BYTES; produced += chunk.byteLength) {
              maxLead = Math.max(maxLead, produced - received);
              yield chunk;
            }
          })();
    const runtime = runtimeAgainst(api, handler as Handler, { bufferLimit: 0, highWaterMark: 2 * MB });
    let lost = 0;
    let maxGrowth = 0;
    const before = liveBytes();
    for (let i = 0; i < runs; i++) {
      const push = i % 2 === 1;
      received = 0;
      api.enqueue(`slow-${i}`, { push });
      const answer = await api.answerTo(`slow-${i}`, 60_000);
      if (!answer) {
        lost++;
        continue;
      }
      const errorType = answer.trailers['lambda-runtime-function-error-type'];
      if (push) {
        if (errorType !== `Function.${new BackpressureOverflowError(0, 0).name}`) failures.push(`slow-${i}: push source ended with ${errorType}`);
      } else {
        if (errorType !== undefined) failures.push(`slow-${i}: pull source failed with ${errorType}`);
        if (received !== SLOW_STREAM_BYTES) lost += SLOW_STREAM_BYTES - received;
      }
      maxGrowth = Math.max(maxGrowth, liveBytes() - before);
    }
    if (maxLead > MAX_LEAD_BYTES) failures.push(`the pull source ran ${maxLead} bytes ahead of the reader`);
    if (maxGrowth > MAX_GROWTH_BYTES) failures.push(`live memory grew ${(maxGrowth / MB).toFixed(1)} MB`);
    if (runtime.failed()) failures.push(`the runtime stopped: ${String(runtime.failed())}`);
    await runtime.stop();
    await api.close();
    return {
      runs,
      failures,
      lost,
      notes: `pull lead max ${(maxLead / MB).toFixed(1)} MB, live memory growth max ${(maxGrowth / MB).toFixed(1)} MB`,
    };
  },
};

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const refusedAtStart: ReliabilityScenario = {
  name: 'runtime: connection refused at start -> bounded retries, then exit',
  ciRuns: 1,
  longRuns: 3,
  async run(runs) {
    const failures: string[] = [];
    let slowest = 0;
    for (let i = 0; i < runs; i++) {
      const bootstrap = spawnBootstrap(`127.0.0.1:${await closedPort()}`, 'handlers.echo');
      const exit = await exitWithin(bootstrap, EXIT_WITHIN_MS);
      const retries = bootstrap.output().match(/GET \/next failed \(attempt \d+\//g)?.length ?? 0;
      if (!exit) failures.push(`run ${i}: still retrying after ${EXIT_WITHIN_MS} ms`);
      else if (exit.code !== 1) failures.push(`run ${i}: exited with ${exit.code}, not 1`);
      else slowest = Math.max(slowest, exit.ms);
      if (retries !== NEXT_MAX_ATTEMPTS - 1) failures.push(`run ${i}: ${retries} retries logged, not ${NEXT_MAX_ATTEMPTS - 1}`);
    }
    return { runs, failures, lost: 0, notes: `${NEXT_MAX_ATTEMPTS} attempts, exit after ${(slowest / 1000).toFixed(1)} s` };
  },
};

export default [exitOn500, goOnAfter410, resetMidStream, slowReader, refusedAtStart];
