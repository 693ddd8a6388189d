import { PreludeDecodeError } from '../../src/errors.js';
import { FunctionError, httpResponse, invoke, invokeStream, type StreamEvent } from '../../src/client/index.js';
import { STREAMED_RESPONSE_MAX_BYTES } from '../../src/limits.js';
import { startSignalServer } from '../../spec/emulator/support/signalServer.js';
import type { ReliabilityScenario } from '../ReliabilityScenario.js';
import { settle } from '../../spec/fixtures/client/settle.js';
import { nameOf } from './support/nameOf.js';
import { fixtureTarget, startFixtureEmulator } from './support/fixtureEmulator.js';
import { MB } from './support/resources.js';

function json(bytes: Uint8Array): unknown {
  return JSON.parse(Buffer.from(bytes).toString('utf8'));
}

function lastComplete(values: readonly StreamEvent[]): Extract<StreamEvent, { type: 'InvokeComplete' }> | undefined {
  const last = values.at(-1);
  return last?.type === 'InvokeComplete' ? last : undefined;
}

const crashMidStream: ReliabilityScenario = {
  name: 'emulator: function process crashes mid-stream -> error in InvokeComplete, next invoke fresh',
  ciRuns: 3,
  longRuns: 30,
  async run(runs) {
    const failures: string[] = [];
    const signals = await startSignalServer();
    const emulator = await startFixtureEmulator([
      { name: 'crash', handler: 'handlers.crash', environment: { RX_LAMBDA_FLUSH_AFTER_MS: '0' } },
    ]);
    let lost = 0;
    try {
      for (let i = 0; i < runs; i++) {
        const key = `crash-${i}`;
        const stream = invokeStream({ ...fixtureTarget(emulator), functionName: 'crash', payload: { crash: true, signal: signals.url, key } });
        // The process exits only once the caller holds its first chunk: the crash is mid-stream.
        const { values, error } = await settle(stream, (event) => {
          if (event.type === 'PayloadChunk') signals.release(key);
        });
        if (error) {
          failures.push(`${key}: the stream failed instead of reporting the crash: ${nameOf(error)}`);
          continue;
        }
        const first = values.find((e) => e.type === 'PayloadChunk');
        const crashedPid = /^first (\d+);/.exec(first ? Buffer.from(first.payload).toString() : '')?.[1];
        if (!crashedPid) lost++;
        const complete = lastComplete(values);
        if (complete?.errorCode !== 'Runtime.ExitError') failures.push(`${key}: InvokeComplete ${JSON.stringify(complete)}`);
        const next = await settle(invoke({ ...fixtureTarget(emulator), functionName: 'crash', payload: {} }));
        const pid = next.values[0] ? (json(next.values[0].payload) as { pid: number }).pid : undefined;
        if (pid === undefined) failures.push(`${key}: the next invoke failed: ${nameOf(next.error)}`);
        else if (String(pid) === crashedPid) failures.push(`${key}: the next invoke ran in the crashed environment`);
      }
    } finally {
      await emulator.close();
      await signals.close();
    }
    return { runs, failures, lost };
  },
};

const neverAnswers: ReliabilityScenario = {
  name: 'emulator: function never answers -> timeout, next invoke served',
  ciRuns: 2,
  longRuns: 10,
  async run(runs) {
    const failures: string[] = [];
    const emulator = await startFixtureEmulator([
      { name: 'never', handler: 'handlers.never', timeoutSeconds: 1 },
      { name: 'hang', handler: 'bootstrap.hang', runtime: 'provided', timeoutSeconds: 1 },
    ]);
    try {
      for (let i = 0; i < runs; i++) {
        if (i % 2 === 0) {
          // Our runtime stops the handler before its deadline and reports the timeout itself.
          const { values, error } = await settle(invokeStream({ ...fixtureTarget(emulator), functionName: 'never', payload: {} }));
          const complete = lastComplete(values);
          if (error || !/Time/i.test(complete?.errorCode ?? '')) {
            failures.push(`never ${i}: ${error ? nameOf(error) : JSON.stringify(complete)}`);
          }
        } else {
          // A runtime that takes the event and goes silent is stopped by the emulator at the deadline.
          const hung = await settle(invoke({ ...fixtureTarget(emulator), functionName: 'hang', payload: { do: 'hang' } }));
          const payload = hung.error instanceof FunctionError ? (hung.error.payload as { errorType?: string }) : undefined;
          if (payload?.errorType !== 'Sandbox.Timedout') failures.push(`hang ${i}: ${nameOf(hung.error)} ${JSON.stringify(payload)}`);
          const after = await settle(invoke({ ...fixtureTarget(emulator), functionName: 'hang', payload: { do: 'echo' } }));
          if (!after.values[0] || JSON.stringify(json(after.values[0].payload)) !== '{"ok":true}') {
            failures.push(`hang ${i}: the next invoke failed: ${nameOf(after.error)}`);
          }
        }
      }
    } finally {
      await emulator.close();
    }
    return { runs, failures, lost: 0 };
  },
};

const preludeWithoutNuls: ReliabilityScenario = {
  name: 'emulator: prelude without the 8 NULs -> 502 / PreludeDecodeError, next call served',
  ciRuns: 3,
  longRuns: 100,
  async run(runs) {
    const failures: string[] = [];
    const emulator = await startFixtureEmulator([
      { name: 'faulty', handler: 'bootstrap.faulty', runtime: 'provided', invokeMode: 'RESPONSE_STREAM' },
    ]);
    try {
      for (let i = 0; i < runs; i++) {
        const url = await fetch(`${emulator.url}/lambda-url/faulty/prelude-nuls`);
        await url.arrayBuffer();
        if (url.status !== 502 || url.headers.get('x-amzn-errortype') !== 'Runtime.InvalidResponse') {
          failures.push(`url ${i}: ${url.status} ${url.headers.get('x-amzn-errortype')}`);
        }
        const stream = await settle(invokeStream({ ...fixtureTarget(emulator), functionName: 'faulty', payload: { do: 'prelude-nuls' } }).pipe(httpResponse()));
        if (!(stream.error instanceof PreludeDecodeError)) failures.push(`stream ${i}: ${nameOf(stream.error)}`);
        const ok = await fetch(`${emulator.url}/lambda-url/faulty/echo`);
        const body = await ok.text();
        if (ok.status !== 200 || body !== '{"ok":true}') failures.push(`after ${i}: ${ok.status} ${body}`);
      }
    } finally {
      await emulator.close();
    }
    return { runs, failures, lost: 0 };
  },
};

/** MiB the flood offers: well past the cap, so the runtime is still writing when the Runtime API refuses the rest. */
const FLOOD_MB = STREAMED_RESPONSE_MAX_BYTES / MB + 64;

/** Longest the invocation after a cut stream may take on the same environment, ms (its function's timeout is 120 s). */
const NEXT_AFTER_CUT_WITHIN_MS = 5_000;

const over200MB: ReliabilityScenario = {
  name: 'emulator: function streams over 200 MB -> capped with Function.ResponseSizeTooLarge',
  ciRuns: 1,
  longRuns: 3,
  async run(runs) {
    const failures: string[] = [];
    // One environment: the invocation after the cut runs where the cut one ran, and must not wait for its timeout.
    const emulator = await startFixtureEmulator([{ name: 'flood', handler: 'handlers.flood', timeoutSeconds: 120, concurrency: 1 }]);
    let slowest = 0;
    try {
      for (let i = 0; i < runs; i++) {
        const started = performance.now();
        let bytes = 0;
        const { values, error } = await settle(
          invokeStream({ ...fixtureTarget(emulator), functionName: 'flood', payload: { mb: FLOOD_MB } }),
          (event) => {
            if (event.type === 'PayloadChunk') bytes += event.payload.byteLength;
          },
        );
        slowest = Math.max(slowest, performance.now() - started);
        const complete = values.at(-1);
        if (error || complete?.type !== 'InvokeComplete' || complete.errorCode !== 'Function.ResponseSizeTooLarge') {
          failures.push(`flood ${i}: ${error ? nameOf(error) : JSON.stringify(complete)}`);
        }
        if (bytes > STREAMED_RESPONSE_MAX_BYTES) failures.push(`flood ${i}: ${bytes} bytes passed the ${STREAMED_RESPONSE_MAX_BYTES}-byte limit`);
        const smallStarted = performance.now();
        const small = await settle(invokeStream({ ...fixtureTarget(emulator), functionName: 'flood', payload: { mb: 1 } }));
        if (performance.now() - smallStarted > NEXT_AFTER_CUT_WITHIN_MS) failures.push(`after ${i}: the next invocation took ${(performance.now() - smallStarted).toFixed(0)} ms`);
        const smallBytes = small.values.reduce((n, e) => n + (e.type === 'PayloadChunk' ? e.payload.byteLength : 0), 0);
        if (small.error || smallBytes !== MB || lastComplete(small.values)?.errorCode !== undefined) {
          failures.push(`after ${i}: ${small.error ? nameOf(small.error) : `${smallBytes} bytes`}`);
        }
      }
    } finally {
      await emulator.close();
    }
    return { runs, failures, lost: 0, notes: `${FLOOD_MB} MiB offered, cut at 200 MiB, ${(slowest / 1000).toFixed(1)} s each` };
  },
};

export default [crashMidStream, neverAnswers, preludeWithoutNuls, over200MB];
