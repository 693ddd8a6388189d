import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { from, lastValueFrom } from 'rxjs';
import { invoke, invokeStream, lines } from '../../src/client/index.js';
import { writeWithBackpressure } from '../../src/emulator/service/writeWithBackpressure.js';
import { LambdaServiceError, LineTooLongError, ResponseSizeTooLargeError } from '../../src/errors.js';
import type { ReliabilityScenario } from '../ReliabilityScenario.js';
import { settle } from '../../spec/fixtures/client/settle.js';
import { fixtureTarget, startFixtureEmulator, TASK_ROOT } from './support/fixtureEmulator.js';
import { nameOf } from './support/nameOf.js';
import { LOCAL_AUTHORIZATION, rawRequest } from './support/rawRequest.js';
import { liveBytes, MB, processRunning } from './support/resources.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(here, '../..');
/** Live memory the emulator or client may gain in one of these scenarios, bytes: a bound, not a workload. */
const MAX_GROWTH_BYTES = 48 * MB;
/** Longest the emulator CLI may take to listen or a function to print, ms. */
const SEEN_WITHIN_MS = 15_000;

/** `rx-lambda serve <handler>` from source, in its own process, with stderr piped and never read. */
function spawnServe(handler: string, extra: string[] = []) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'spec/emulator/support/runCli.ts', 'serve', handler, '--port', '0', ...extra], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const url = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not listen within ${SEEN_WITHIN_MS} ms: ${stdout}`)), SEEN_WITHIN_MS);
    child.stdout.on('data', () => {
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
  });
  return { child, url };
}

/** A process's peak resident memory (VmHWM), bytes; -1 where there is no /proc. */
function peakRss(pid: number): number {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? -1 : Number(kb) * 1024;
  } catch {
    return -1;
  }
}

const eventQueue: ReliabilityScenario = {
  name: 'emulator: 1 MB Event invokes at a busy function -> 429 past the queue, memory bounded',
  ciRuns: 60,
  longRuns: 300,
  async run(runs) {
    const failures: string[] = [];
    const emulator = await startFixtureEmulator([{ name: 'busy', handler: 'handlers.never', concurrency: 1, timeoutSeconds: 120 }]);
    const payload = JSON.stringify({ pad: 'x'.repeat(1000 * 1000) });
    const statuses = new Map<number, number>();
    const before = liveBytes();
    let growth: number;
    try {
      for (let i = 0; i < runs; i++) {
        const res = await rawRequest(emulator.url, { path: '/2015-03-31/functions/busy/invocations', headers: { 'x-amz-invocation-type': 'Event' }, body: payload });
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status !== 202 && res.headers['x-amzn-errortype'] !== 'TooManyRequestsException') failures.push(`${i}: ${res.status} ${res.body.slice(0, 100)}`);
      }
      growth = liveBytes() - before;
    } finally {
      await emulator.close();
    }
    if (growth > MAX_GROWTH_BYTES) failures.push(`the emulator's live memory grew ${(growth / MB).toFixed(0)} MB`);
    if (!statuses.has(429)) failures.push('no Event invoke was refused: the queue is unbounded');
    return { runs, failures, lost: 0, notes: `${statuses.get(202) ?? 0} queued, ${statuses.get(429) ?? 0} refused, growth ${(growth / MB).toFixed(1)} MB` };
  },
};

const loudFunction: ReliabilityScenario = {
  name: 'emulator: a function prints 100 MB while serve\'s stderr is not read -> lines dropped, serve\'s memory bounded',
  ciRuns: 1,
  longRuns: 3,
  async run(runs) {
    const failures: string[] = [];
    let worst = 0;
    for (let i = 0; i < runs; i++) {
      const serve = spawnServe('reliability/scenarios/fixtures/task/handlers.shout', ['--runtime', 'rx-lambda']);
      try {
        serve.child.stderr.pause();
        const url = await serve.url;
        const res = await fetch(`${url}/2015-03-31/functions/handlers/invocations`, {
          method: 'POST',
          headers: { authorization: LOCAL_AUTHORIZATION },
          body: JSON.stringify({ mb: 100 }),
          signal: AbortSignal.timeout(60_000),
        });
        const text = await res.text();
        if (res.status !== 200 || !text.includes('"printed":100')) failures.push(`run ${i}: ${res.status} ${text.slice(0, 200)}`);
        const peak = peakRss(serve.child.pid!);
        worst = Math.max(worst, peak);
        if (peak > 250 * MB) failures.push(`run ${i}: serve's resident memory peaked at ${(peak / MB).toFixed(0)} MB`);
      } catch (error) {
        failures.push(`run ${i}: ${nameOf(error)}`);
      } finally {
        serve.child.kill('SIGKILL');
      }
    }
    return { runs, failures, lost: 0, notes: `serve peak RSS ${(worst / MB).toFixed(0)} MB` };
  },
};

const outOfMemory: ReliabilityScenario = {
  name: 'emulator: a 128 MB function that outgrows its memory -> Runtime.OutOfMemory',
  ciRuns: 1,
  longRuns: 5,
  async run(runs) {
    const failures: string[] = [];
    const emulator = await startFixtureEmulator([{ name: 'hog', handler: 'handlers.hog', memoryMB: 128, timeoutSeconds: 20 }]);
    try {
      for (let i = 0; i < runs; i++) {
        const { error } = await settle(invoke({ ...fixtureTarget(emulator), functionName: 'hog' }));
        const type = (error as { payload?: { errorType?: string } } | undefined)?.payload?.errorType;
        if (type !== 'Runtime.OutOfMemory') failures.push(`run ${i}: ${nameOf(error)} ${String(type)}`);
      }
    } finally {
      await emulator.close();
    }
    return { runs, failures, lost: 0 };
  },
};

const orphans: ReliabilityScenario = {
  name: 'emulator: serve is killed while a function is busy -> the function process ends',
  ciRuns: 1,
  longRuns: 5,
  async run(runs) {
    const failures: string[] = [];
    // A long timeout, so only the emulator's end can stop the busy function.
    const dir = mkdtempSync(path.join(tmpdir(), 'rx-lambda-orphans-'));
    const functions = path.join(dir, 'functions.json');
    writeFileSync(functions, JSON.stringify({ functions: [{ name: 'handlers', handler: path.join(TASK_ROOT, 'handlers.hangWithPid'), timeoutSeconds: 600 }] }));
    for (let i = 0; i < runs; i++) {
      const serve = spawnServe(functions);
      try {
        let output = '';
        serve.child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
        const url = await serve.url;
        const call = new AbortController();
        void fetch(`${url}/2015-03-31/functions/handlers/invocations`, { method: 'POST', headers: { authorization: LOCAL_AUTHORIZATION }, body: '{}', signal: call.signal }).catch(() => undefined);
        const end = Date.now() + SEEN_WITHIN_MS;
        while (!/function pid (\d+)/.test(output) && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 10));
        const pid = Number(/function pid (\d+)/.exec(output)?.[1]);
        if (!pid) {
          failures.push(`run ${i}: the function did not start: ${output.slice(-300)}`);
          continue;
        }
        serve.child.kill('SIGKILL');
        call.abort();
        const gone = Date.now() + 5_000;
        while (processRunning(pid) && Date.now() < gone) await new Promise((resolve) => setTimeout(resolve, 20));
        if (processRunning(pid)) {
          failures.push(`run ${i}: function process ${pid} outlived the emulator`);
          process.kill(pid, 'SIGKILL');
        }
      } finally {
        serve.child.kill('SIGKILL');
      }
    }
    rmSync(dir, { recursive: true, force: true });
    return { runs, failures, lost: 0 };
  },
};

/** A server that answers every request with `status`, `headers` and `mb` MiB of `x`. */
async function hugeAnswers(status: number, headers: Record<string, string>, mb: number): Promise<{ server: Server; url: string }> {
  const piece = Buffer.alloc(MB, 'x');
  const server = createServer((_req, res) => {
    res.writeHead(status, headers);
    void (async () => {
      for (let i = 0; i < mb && !res.destroyed; i++) await writeWithBackpressure(res, piece);
      res.end();
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const clientBounds: ReliabilityScenario = {
  name: 'client: a 520 MiB error body, a 512 MiB Invoke payload, a 100 MB line -> typed errors, memory bounded',
  ciRuns: 1,
  longRuns: 3,
  async run(runs) {
    const failures: string[] = [];
    let worst = 0;
    const credentials = { accessKeyId: 'AKIDRELIABILITY', secretAccessKey: 'reliability-secret' };
    for (let i = 0; i < runs; i++) {
      const before = liveBytes();
      const errorBody = await hugeAnswers(400, { 'x-amzn-errortype': 'InvalidRequestContentException' }, 520);
      const payload = await hugeAnswers(200, {}, 512);
      try {
        const target = { functionName: 'f', region: 'us-east-1', credentials, retry: false } as const;
        const streamed = await settle(invokeStream({ ...target, endpoint: errorBody.url }));
        if (!(streamed.error instanceof LambdaServiceError) || streamed.error.name !== 'InvalidRequestContentException') failures.push(`error body: ${nameOf(streamed.error)}`);
        const buffered = await settle(invoke({ ...target, endpoint: payload.url }));
        if (!(buffered.error instanceof ResponseSizeTooLargeError)) failures.push(`Invoke payload: ${nameOf(buffered.error)}`);
        const line = 'z'.repeat(MB);
        const long = await settle(from(Array.from({ length: 100 }, () => line)).pipe(lines()));
        if (!(long.error instanceof LineTooLongError)) failures.push(`100 MB line: ${nameOf(long.error)}`);
        await lastValueFrom(from([0])); // let the aborted requests settle
        worst = Math.max(worst, liveBytes() - before);
      } finally {
        errorBody.server.closeAllConnections();
        payload.server.closeAllConnections();
        errorBody.server.close();
        payload.server.close();
      }
    }
    if (worst > MAX_GROWTH_BYTES) failures.push(`live memory grew ${(worst / MB).toFixed(0)} MB`);
    return { runs, failures, lost: 0, notes: `live memory growth ${(worst / MB).toFixed(1)} MB` };
  },
};

export default [eventQueue, loudFunction, outOfMemory, orphans, clientBounds];
