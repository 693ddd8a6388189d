import { invoke, invokeStream } from '../../src/client/index.js';
import type { ReliabilityScenario } from '../ReliabilityScenario.js';
import { settle } from '../../spec/fixtures/client/settle.js';
import { nameOf } from './support/nameOf.js';
import { fixtureTarget, startFixtureEmulator } from './support/fixtureEmulator.js';
import { activeResources, childProcesses, eventually, liveBytes, MB, openFds } from './support/resources.js';

/** Invocations in flight at once (two per function, each function two environments). */
const PARALLEL = 4;
/** Environments per function. */
const ENVIRONMENTS_PER_FUNCTION = 2;
/** Largest memory drift allowed between the end of the warm-up and the end of the soak, bytes. Source: the reliability issue. */
const MAX_DRIFT_BYTES = 20 * MB;
/** Longest wait for sockets, descriptors and processes to be released after close, ms. */
const RELEASE_WITHIN_MS = 5_000;

/** One call of the mix: which API, which function (and so which response mode). */
type Call = { readonly api: 'invoke' | 'invokeStream'; readonly fn: 'buffered' | 'streaming' };
const MIX: readonly Call[] = [
  { api: 'invoke', fn: 'buffered' },
  { api: 'invokeStream', fn: 'streaming' },
  { api: 'invokeStream', fn: 'buffered' },
  { api: 'invoke', fn: 'streaming' },
];
// Even indexes call the buffered function, odd ones the streaming function.

const soak: ReliabilityScenario = {
  name: 'soak: invocations through the emulator and the rx-lambda runtime, buffered and streaming mixed',
  ciRuns: 2_000,
  longRuns: 20_000,
  async run(runs) {
    const failures: string[] = [];
    const fdsBefore = openFds();
    const socketsBefore = activeResources('TCPSocketWrap');
    const childrenBefore = childProcesses();
    const emulator = await startFixtureEmulator([
      { name: 'buffered', handler: 'handlers.echo', responseMode: 'buffered', concurrency: ENVIRONMENTS_PER_FUNCTION },
      { name: 'streaming', handler: 'handlers.chunks', responseMode: 'streaming', concurrency: ENVIRONMENTS_PER_FUNCTION },
    ]);
    const target = fixtureTarget(emulator);
    /** Resident memory each runtime process reported: at the end of the warm-up, and last. */
    const childRss = new Map<number, { first: number; last: number }>();
    let warm = false;
    let lost = 0;
    let maxChildren = 0;

    const one = async (i: number): Promise<void> => {
      const call = MIX[i % MIX.length]!;
      const payload = { i, text: `invocation ${i}` };
      const options = { ...target, functionName: call.fn, payload };
      let bytes: Buffer;
      if (call.api === 'invoke') {
        const { values, error } = await settle(invoke(options));
        if (!values[0]) return void failures.push(`${i} ${call.api} ${call.fn}: ${nameOf(error)}`);
        bytes = Buffer.from(values[0].payload);
      } else {
        const { values, error } = await settle(invokeStream(options));
        const complete = values.at(-1);
        if (error || complete?.type !== 'InvokeComplete' || complete.errorCode) {
          return void failures.push(`${i} ${call.api} ${call.fn}: ${error ? nameOf(error) : JSON.stringify(complete)}`);
        }
        bytes = Buffer.concat(values.flatMap((e) => (e.type === 'PayloadChunk' ? [e.payload] : [])));
      }
      const text = bytes.toString('utf8');
      let pid: number;
      let rss: number;
      if (call.fn === 'buffered') {
        const body = JSON.parse(text) as { echo: unknown; pid: number; rss: number };
        if (JSON.stringify(body.echo) !== JSON.stringify(payload)) return void lost++;
        ({ pid, rss } = body);
      } else {
        const match = /^chunk 0;chunk 1;chunk 2;pid (\d+) rss (\d+);$/.exec(text);
        if (!match) return void lost++;
        [pid, rss] = [Number(match[1]), Number(match[2])];
      }
      if (warm) {
        const seen = childRss.get(pid);
        childRss.set(pid, { first: seen?.first ?? rss, last: rss });
      }
    };

    /**
     * Runs indexes [from, to) with PARALLEL workers: half take the even indexes (the
     * buffered function), half the odd ones (the streaming function), so no function has
     * more calls in flight than environments.
     */
    const phase = async (from: number, to: number): Promise<void> => {
      const next = [from, from + 1];
      await Promise.all(
        Array.from({ length: PARALLEL }, async (_, worker) => {
          const parity = worker % 2;
          if (next[parity]! % 2 !== parity) next[parity]!++;
          while (next[parity]! < to) {
            const i = next[parity]!;
            next[parity] = i + 2;
            await one(i).catch((error: unknown) => failures.push(`${i}: ${nameOf(error)}`));
            if (i % 250 === 0) maxChildren = Math.max(maxChildren, childProcesses() - childrenBefore);
          }
        }),
      );
    };

    const warmup = Math.max(PARALLEL * 25, Math.floor(runs / 10));
    const middle = Math.floor((warmup + runs) / 2);
    /** The emulator's resident memory and open descriptors at the start, the middle and the end of the measured part. */
    const samples: { rss: number; fds: number }[] = [];
    const sample = (): number => samples.push({ rss: process.memoryUsage().rss, fds: openFds() });
    let drift: number;
    try {
      await phase(0, warmup);
      warm = true;
      const start = liveBytes();
      sample();
      await phase(warmup, middle);
      sample();
      await phase(middle, runs);
      sample();
      drift = liveBytes() - start;
    } finally {
      await emulator.close();
    }
    const childDrift = Math.max(0, ...[...childRss.values()].map((r) => r.last - r.first));
    if (drift > MAX_DRIFT_BYTES) failures.push(`live memory drifted ${(drift / MB).toFixed(1)} MB`);
    if (childDrift > MAX_DRIFT_BYTES) failures.push(`a runtime process's RSS drifted ${(childDrift / MB).toFixed(1)} MB`);
    if (maxChildren > 2 * ENVIRONMENTS_PER_FUNCTION) failures.push(`${maxChildren} runtime processes at once`);
    if (childRss.size > 2 * ENVIRONMENTS_PER_FUNCTION) failures.push(`${childRss.size} runtime processes served after the warm-up: environments were replaced`);
    let fdsAfter = openFds();
    let socketsAfter = activeResources('TCPSocketWrap');
    let childrenAfter = childProcesses();
    try {
      await eventually(
        () => {
          [fdsAfter, socketsAfter, childrenAfter] = [openFds(), activeResources('TCPSocketWrap'), childProcesses()];
          return fdsAfter <= fdsBefore && socketsAfter <= socketsBefore && childrenAfter <= childrenBefore;
        },
        RELEASE_WITHIN_MS,
        'release',
      );
    } catch {
      failures.push(`after close: fds ${fdsBefore} -> ${fdsAfter}, sockets ${socketsBefore} -> ${socketsAfter}, processes ${childrenBefore} -> ${childrenAfter}`);
    }
    return {
      runs,
      failures,
      lost,
      notes:
        `emulator RSS ${samples.map((m) => (m.rss / MB).toFixed(0)).join('/')} MB and fds ${samples.map((m) => m.fds).join('/')} at start/middle/end, ` +
        `drift ${(drift / MB).toFixed(1)} MB (runtime RSS ${(childDrift / MB).toFixed(1)} MB), ` +
        `fds ${fdsBefore}->${fdsAfter}, sockets ${socketsBefore}->${socketsAfter}, environments ${childRss.size} (0 left)`,
    };
  },
};

export default soak;
