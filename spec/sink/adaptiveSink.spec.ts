import assert from 'node:assert/strict';
import { TestScheduler } from 'rxjs/testing';
import { of } from 'rxjs';
import { InvalidEmissionError, ResponseSizeTooLargeError } from '../../src/errors.js';
import { head } from '../../src/head.js';
import { adaptiveSink, type SinkEvent } from '../../src/sink/adaptiveSink.js';

const bytes = (s: string): Uint8Array => Buffer.from(s);
const streaming = (bufferLimit: number, flushAfterMs: number) => ({ kind: 'streaming', bufferLimit, flushAfterMs }) as const;

function scheduler(): TestScheduler {
  return new TestScheduler((actual, expected) => assert.deepEqual(actual, expected));
}

describe('adaptiveSink', () => {
  describe('the decision (marbles)', () => {
    it('completes with everything held when the source completes first', () => {
      scheduler().run(({ cold, expectObservable }) => {
        const source = cold('a-b-|', { a: 'he', b: 'llo' });
        expectObservable(source.pipe(adaptiveSink(streaming(100, 10)))).toBe('----(c|)', {
          c: { kind: 'complete', response: { kind: 'body', head: undefined, chunks: [bytes('he'), bytes('llo')], size: 5 } } satisfies SinkEvent,
        });
      });
    });

    it('commits when the held bytes reach bufferLimit, then passes each emission on', () => {
      scheduler().run(({ cold, expectObservable }) => {
        const source = cold('a-b-c-|', { a: 'xx', b: 'yyy', c: 'z' });
        expectObservable(source.pipe(adaptiveSink(streaming(5, 100)))).toBe('--m-c-|', {
          m: { kind: 'commit', reason: 'size', head: undefined, chunks: [bytes('xx'), bytes('yyy')] },
          c: { kind: 'chunk', bytes: bytes('z') },
        });
      });
    });

    it('commits flushAfterMs after the first emission while the stream is still open', () => {
      scheduler().run(({ cold, expectObservable }) => {
        const h = head({ statusCode: 200 });
        const source = cold('h-a 20ms b-|', { h, a: 'x', b: 'y' });
        expectObservable(source.pipe(adaptiveSink(streaming(100, 10)))).toBe('10ms m 12ms c-|', {
          m: { kind: 'commit', reason: 'time', head: h, chunks: [bytes('x')] },
          c: { kind: 'chunk', bytes: bytes('y') },
        });
      });
    });

    it('starts the clock at the first emission, not at subscription', () => {
      scheduler().run(({ cold, expectObservable }) => {
        const source = cold('30ms a 5ms |', { a: 'x' });
        expectObservable(source.pipe(adaptiveSink(streaming(100, 10)))).toBe('36ms (c|)', {
          c: { kind: 'complete', response: { kind: 'body', head: undefined, chunks: [bytes('x')], size: 1 } },
        });
      });
    });

    it('passes an error before the commit through with nothing emitted', () => {
      scheduler().run(({ cold, expectObservable }) => {
        const source = cold('a-#', { a: 'x' }, new Error('boom'));
        expectObservable(source.pipe(adaptiveSink(streaming(100, 10)))).toBe('--#', undefined, new Error('boom'));
      });
    });

    it('passes an error after the commit through after the commit', () => {
      scheduler().run(({ cold, expectObservable }) => {
        const source = cold('a 20ms #', { a: 'x' }, new Error('late'));
        expectObservable(source.pipe(adaptiveSink(streaming(100, 10)))).toBe('10ms m 10ms #', {
          m: { kind: 'commit', reason: 'time', head: undefined, chunks: [bytes('x')] },
        }, new Error('late'));
      });
    });

    it('never commits in buffered mode, however long or large', () => {
      scheduler().run(({ cold, expectObservable }) => {
        const source = cold('a 1000ms b|', { a: 'x', b: 'y' });
        expectObservable(source.pipe(adaptiveSink({ kind: 'buffered', maxBytes: 10 }))).toBe('1002ms (c|)', {
          c: { kind: 'complete', response: { kind: 'body', head: undefined, chunks: [bytes('x'), bytes('y')], size: 2 } },
        });
      });
    });

    it('fails in buffered mode as soon as the body passes maxBytes, unsubscribing the source', () => {
      scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('a-b-c|', { a: 'xxx', b: 'yyy', c: 'z' });
        expectObservable(source.pipe(adaptiveSink({ kind: 'buffered', maxBytes: 5 }))).toBe('--#', undefined, new ResponseSizeTooLargeError(6, 5));
        expectSubscriptions(source.subscriptions).toBe('^-!');
      });
    });

    it('holds a JSON result until completion', () => {
      scheduler().run(({ cold, expectObservable }) => {
        const source = cold('a 50ms |', { a: { ok: true } });
        expectObservable(source.pipe(adaptiveSink(streaming(1, 10)))).toBe('51ms (c|)', {
          c: { kind: 'complete', response: { kind: 'json', value: { ok: true } } },
        });
      });
    });
  });

  describe('emission rules', () => {
    function collect(values: unknown[]): { events: SinkEvent[]; error?: unknown } {
      const out: { events: SinkEvent[]; error?: unknown } = { events: [] };
      of(...values).pipe(adaptiveSink(streaming(1000, 10))).subscribe({ next: (e) => out.events.push(e), error: (e: unknown) => (out.error = e) });
      return out;
    }

    it('rejects a second value after a JSON result, naming ndjson()', () => {
      const { error } = collect([{ a: 1 }, { a: 2 }]);
      assert.ok(error instanceof InvalidEmissionError);
      assert.match(error.message, /ndjson\(\)/);
    });

    it('rejects a head() that is not first', () => {
      const { error } = collect(['x', head({ statusCode: 200 })]);
      assert.ok(error instanceof InvalidEmissionError);
      assert.match(error.message, /head\(\) must come first/);
    });

    it('gives an empty body for an empty source', () => {
      assert.deepEqual(collect([]).events, [{ kind: 'complete', response: { kind: 'body', head: undefined, chunks: [], size: 0 } }]);
    });

    it('takes Uint8Array and other ArrayBufferViews as body bytes', () => {
      const { events } = collect([new Uint8Array([1]), new Uint16Array([0x0302])]);
      assert.deepEqual(events[0], { kind: 'complete', response: { kind: 'body', head: undefined, chunks: [new Uint8Array([1]), new Uint8Array([2, 3])], size: 3 } });
    });
  });
});
