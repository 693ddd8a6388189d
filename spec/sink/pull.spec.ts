import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { lastValueFrom, take, toArray } from 'rxjs';
import { FLOW_CONTROL } from '../../src/sink/flowControl.js';
import { fromReadable } from '../../src/sink/fromReadable.js';
import { pull } from '../../src/sink/pull.js';

describe('pull', () => {
  it('emits the values of an async iterable and completes', async () => {
    const values = await lastValueFrom(pull(async function* () { yield 1; yield 2; }).pipe(toArray()));
    assert.deepEqual(values, [1, 2]);
  });

  it('reads the next value only when the sink says it is ready', async () => {
    let produced = 0;
    const gates: (() => void)[] = [];
    const seen: number[] = [];
    const flow = {
      ready: () => new Promise<void>((resolve) => gates.push(resolve)),
    };
    const done = new Promise<void>((resolve) => {
      FLOW_CONTROL.run(flow, () =>
        pull(async function* () {
          for (let i = 0; i < 3; i++) {
            produced++;
            yield i;
          }
        }).subscribe({ next: (v) => seen.push(v), complete: resolve }),
      );
    });
    while (gates.length < 1) await new Promise((r) => setImmediate(r));
    assert.equal(produced, 1, 'nothing is read while the sink is not ready');
    gates.shift()!();
    while (gates.length < 1) await new Promise((r) => setImmediate(r));
    assert.equal(produced, 2);
    gates.shift()!();
    while (gates.length < 1) await new Promise((r) => setImmediate(r));
    gates.shift()!();
    await done;
    assert.deepEqual(seen, [0, 1, 2]);
  });

  it('stops reading and returns the iterator on unsubscribe', async () => {
    let finalized = false;
    const values = await lastValueFrom(
      pull(async function* () {
        try {
          for (let i = 0; ; i++) yield i;
        } finally {
          finalized = true;
        }
      }).pipe(take(2), toArray()),
    );
    assert.deepEqual(values, [0, 1]);
    await new Promise((r) => setImmediate(r));
    assert.ok(finalized);
  });
});

describe('fromReadable', () => {
  it('emits the chunks of a Readable and destroys it on unsubscribe', async () => {
    const readable = Readable.from(['a', 'b', 'c', 'd'], { objectMode: true });
    const values = await lastValueFrom(fromReadable<string>(readable).pipe(take(2), toArray()));
    assert.deepEqual(values, ['a', 'b']);
    await new Promise((r) => setImmediate(r));
    assert.ok(readable.destroyed);
  });
});
