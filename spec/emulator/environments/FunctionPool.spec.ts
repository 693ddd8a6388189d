import assert from 'node:assert/strict';
import { LOCAL_AUTHORIZATION, rawRequest } from '../../../reliability/scenarios/support/rawRequest.js';
import { EVENT_QUEUE_MAX_BYTES, EVENT_QUEUE_MAX_EVENTS } from '../../../src/emulator/emulatorLimits.js';
import { startEmulator, type Emulator } from '../../../src/emulator/index.js';

const FIXTURES = 'spec/fixtures/emulator';
const INVOKE = '/2015-03-31/functions/busy/invocations';

describe('FunctionPool (through startEmulator)', () => {
  let emulator: Emulator;

  beforeEach(async () => {
    emulator = await startEmulator({
      log: () => undefined,
      // One environment that stays busy: every further Event invoke waits in the queue.
      functions: [{ name: 'busy', handler: `${FIXTURES}/memory.hangWithPid`, runtime: 'nodejs', concurrency: 1, timeoutSeconds: 60 }],
    });
  });

  afterEach(async () => {
    await emulator?.close();
  });

  async function queueEvents(count: number, payload: string): Promise<number[]> {
    const statuses: number[] = [];
    for (let i = 0; i < count; i++) {
      const res = await rawRequest(emulator.url, { path: INVOKE, headers: { 'x-amz-invocation-type': 'Event', authorization: LOCAL_AUTHORIZATION }, body: payload });
      if (res.status === 429) assert.equal(res.headers['x-amzn-errortype'], 'TooManyRequestsException');
      statuses.push(res.status);
    }
    return statuses;
  }

  it('queues Event invokes up to EVENT_QUEUE_MAX_BYTES of payloads per function, then answers 429', async () => {
    const payload = JSON.stringify({ pad: 'x'.repeat(1000 * 1000) });
    const fit = Math.floor(EVENT_QUEUE_MAX_BYTES / Buffer.byteLength(payload));
    const statuses = await queueEvents(fit + 5, payload);
    // One runs at once, `fit` wait; the rest are refused.
    assert.deepEqual(statuses.filter((s) => s === 202).length, fit + 1, statuses.join(','));
    assert.deepEqual(statuses.slice(fit + 1), [429, 429, 429, 429]);
  });

  it('queues at most EVENT_QUEUE_MAX_EVENTS small Event invokes per function', async () => {
    const statuses = await queueEvents(EVENT_QUEUE_MAX_EVENTS + 3, '{}');
    assert.equal(statuses.filter((s) => s === 202).length, EVENT_QUEUE_MAX_EVENTS + 1);
    assert.equal(statuses.at(-1), 429);
  });
});
