import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { boundedLineWriter } from '../../src/emulator/boundedLineWriter.js';

/** A console that takes nothing until `release()`: every write waits in its buffer. */
function stalledConsole(): { stream: Writable; lines: () => string[]; release(): void } {
  const taken: string[] = [];
  const waiting: (() => void)[] = [];
  let released = false;
  const stream = new Writable({
    write(chunk, _encoding, done) {
      taken.push(String(chunk));
      if (released) done();
      else waiting.push(done);
    },
  });
  return {
    stream,
    lines: () => taken.join('').split('\n').filter(Boolean),
    release() {
      released = true;
      for (const done of waiting.splice(0)) done();
    },
  };
}

describe('boundedLineWriter', () => {
  it('drops lines while the console holds more than the bound, then says how many were dropped', async () => {
    const console = stalledConsole();
    const log = boundedLineWriter(console.stream, 10 * 1024);
    const line = 'x'.repeat(1000);
    for (let i = 0; i < 1000; i++) log(`${i} ${line}`);
    assert.ok(console.stream.writableLength <= 10 * 1024 + 2 * line.length, `buffered ${console.stream.writableLength} bytes`);
    console.release();
    await new Promise((resolve) => setImmediate(resolve));
    log('after');
    const lines = console.lines();
    const kept = lines.filter((l) => l.endsWith(line)).length;
    assert.ok(kept > 0 && kept < 20, `kept ${kept}`);
    assert.ok(lines.includes(`[emulator] ${1000 - kept} lines of output dropped: the console did not keep up`), lines.slice(-3).join('\n'));
    assert.equal(lines.at(-1), 'after');
  });

  it('writes every line to a console that keeps up', () => {
    const chunks: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        chunks.push(String(chunk));
        done();
      },
    });
    const log = boundedLineWriter(stream, 1024);
    for (let i = 0; i < 100; i++) log(`line ${i}`);
    assert.equal(chunks.length, 100);
  });
});
