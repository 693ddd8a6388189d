import { strict as assert } from 'node:assert';
import { from, lastValueFrom, of, Subject, toArray, type Observable } from 'rxjs';
import {
  FunctionError,
  httpResponse,
  lines,
  ndjson,
  NdjsonParseError,
  payload,
  sse,
  text,
  type ByteSource,
  type HttpResponseEvent,
  type StreamEvent,
} from '../../src/client/index.js';
import { LineTooLongError, PreludeDecodeError } from '../../src/errors.js';
import { DEFAULT_MAX_LINE_CHARS } from '../../src/limits.js';
import { encodeHttpPrelude } from '../../src/wire/encodeHttpPrelude.js';
import { settle } from '../fixtures/client/settle.js';

const chunk = (value: string | Uint8Array): StreamEvent => ({
  type: 'PayloadChunk',
  payload: typeof value === 'string' ? new TextEncoder().encode(value) : value,
});
const done: StreamEvent = { type: 'InvokeComplete' };
const all = <T>(source: Observable<T>): Promise<T[]> => lastValueFrom(source.pipe(toArray()));

/** Splits `bytes` at every position in `cuts`. */
function split(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  let start = 0;
  for (const cut of [...cuts, bytes.byteLength]) {
    out.push(bytes.subarray(start, cut));
    start = cut;
  }
  return out;
}

describe('payload', () => {
  it('emits the bytes of PayloadChunks and plain Uint8Arrays, skipping heads and a clean InvokeComplete', async () => {
    const sources: ByteSource[] = [
      { type: 'Head', statusCode: 200, headers: {}, cookies: [] },
      chunk('a'),
      new Uint8Array([98]),
      done,
    ];
    const bytes = await all(from(sources).pipe(payload()));
    assert.equal(Buffer.concat(bytes).toString(), 'ab');
  });

  it('errors with FunctionError when InvokeComplete carries an error code', async () => {
    const { values, error } = await settle(
      of<StreamEvent[]>(chunk('x'), { type: 'InvokeComplete', errorCode: 'Unhandled', errorDetails: 'boom', logResult: 'log' }).pipe(payload()),
    );
    assert.equal(values.length, 1);
    assert.ok(error instanceof FunctionError);
    assert.equal(error.errorCode, 'Unhandled');
    assert.equal(error.errorDetails, 'boom');
    assert.equal(error.logResult, 'log');
  });
});

describe('text', () => {
  it('decodes UTF-8 split inside multi-byte characters at every position', async () => {
    const original = 'héllo 🌍 wörld ✓';
    const bytes = new TextEncoder().encode(original);
    for (let i = 0; i <= bytes.byteLength; i++) {
      for (const j of [i, Math.min(bytes.byteLength, i + 1), Math.min(bytes.byteLength, i + 2)]) {
        const pieces: string[] = await all(from([...split(bytes, [i, j]).map(chunk), done]).pipe(text()));
        assert.equal(pieces.join(''), original, `split at ${i}, ${j}`);
        assert.ok(pieces.every((p) => !p.includes('\uFFFD')));
      }
    }
  });

  it('replaces invalid bytes and a character cut at the end with U+FFFD', async () => {
    assert.deepEqual(await all(of(chunk(new Uint8Array([0x61, 0xff, 0x62, 0xe2, 0x82]))).pipe(text())), ['a\uFFFDb', '\uFFFD']);
  });
});

describe('lines', () => {
  it('splits at LF, CRLF and CR, also when the CRLF is split across chunks, and emits a last unterminated line', async () => {
    const result = await all(from([chunk('one\r'), chunk('\ntwo\nthr'), chunk('ee\rfour\r\n\nfive')]).pipe(lines()));
    assert.deepEqual(result, ['one', 'two', 'three', 'four', '', 'five']);
  });

  it('emits each line as soon as its end arrives', () => {
    const seen: string[] = [];
    const source = new Subject<StreamEvent>();
    source.pipe(lines()).subscribe((line) => seen.push(line));
    source.next(chunk('a\nb'));
    assert.deepEqual(seen, ['a']);
    source.next(chunk('c\n'));
    assert.deepEqual(seen, ['a', 'bc']);
  });

  it('accepts text from text()', async () => {
    assert.deepEqual(await all(from([chunk('x\ny')]).pipe(text(), lines())), ['x', 'y']);
  });

  it('errors with LineTooLongError once a line outgrows maxLineLength, across chunks or within one', async () => {
    const across = await settle(from([chunk('ok\n12345'), chunk('6789'), chunk('0\nnever\n')]).pipe(lines({ maxLineLength: 8 })));
    assert.deepEqual(across.values, ['ok']);
    assert.ok(across.error instanceof LineTooLongError, String(across.error));
    assert.equal(across.error.limit, 8);
    const within = await settle(from([chunk('ok\n1234567890\nnever\n')]).pipe(lines({ maxLineLength: 8 })));
    assert.deepEqual(within.values, ['ok']);
    assert.ok(within.error instanceof LineTooLongError);
    const exact = await all(from([chunk('12345678\n')]).pipe(lines({ maxLineLength: 8 })));
    assert.deepEqual(exact, ['12345678'], 'a line of exactly the limit passes');
  });

  it('holds lines up to DEFAULT_MAX_LINE_CHARS by default', async () => {
    const long = 'x'.repeat(DEFAULT_MAX_LINE_CHARS);
    assert.deepEqual((await all(from([chunk(`${long}\n`)]).pipe(lines()))).map((line) => line.length), [DEFAULT_MAX_LINE_CHARS]);
    const { error } = await settle(from([chunk(`${long}x`)]).pipe(lines()));
    assert.ok(error instanceof LineTooLongError);
  });
});

describe('ndjson', () => {
  it('parses one JSON value per non-blank line across chunk boundaries', async () => {
    const values = await all(from([chunk('{"a":1}\n{"a"'), chunk(':2}\r\n\n[3]'), done]).pipe(ndjson()));
    assert.deepEqual(values, [{ a: 1 }, { a: 2 }, [3]]);
  });

  it('passes maxLineLength on to lines()', async () => {
    const { values, error } = await settle(from([chunk('{"a":1}\n{"pad":"xxxxxxxx"}\n')]).pipe(ndjson({ maxLineLength: 10 })));
    assert.deepEqual(values, [{ a: 1 }]);
    assert.ok(error instanceof LineTooLongError);
  });

  it('errors with NdjsonParseError naming the line', async () => {
    const { values, error } = await settle(from([chunk('{"a":1}\nnot json\n{"b":2}\n')]).pipe(ndjson()));
    assert.deepEqual(values, [{ a: 1 }]);
    assert.ok(error instanceof NdjsonParseError);
    assert.equal(error.lineNumber, 2);
    assert.equal(error.line, 'not json');
  });
});

describe('sse', () => {
  it('parses events the way EventSource does', async () => {
    const stream =
      ': comment\n' +
      'data: first\n\n' +
      'event: update\ndata: line 1\ndata:line 2\nid: 7\nretry: 1500\n\n' +
      'data\n\n' +
      'event: empty\n\n' +
      'data: after id\n\n' +
      'data: unfinished';
    const bytes = new TextEncoder().encode(stream);
    const events = await all(from([...split(bytes, [5, 40, 41, 80]).map(chunk), done]).pipe(sse()));
    assert.deepEqual(events, [
      { event: 'message', data: 'first' },
      { event: 'update', data: 'line 1\nline 2', id: '7', retry: 1500 },
      { event: 'message', data: '', id: '7' },
      { event: 'message', data: 'after id', id: '7' },
    ]);
  });

  it('handles CRLF line ends', async () => {
    assert.deepEqual(await all(of(chunk('event: a\r\ndata: b\r\n\r\n')).pipe(sse())), [{ event: 'a', data: 'b' }]);
  });
});

describe('httpResponse', () => {
  it('splits a leading HTTP-integration prelude from the body, wherever the chunks cut it', async () => {
    const prelude = encodeHttpPrelude({
      statusCode: 201,
      headers: { 'Content-Type': 'text/plain' },
      multiValueHeaders: { 'X-Many': ['1', '2'] },
      cookies: ['a=1'],
    });
    const bytes = Buffer.concat([prelude, Buffer.from('hello body')]);
    for (let cut = 0; cut <= bytes.byteLength; cut += 3) {
      const events: HttpResponseEvent[] = await all(from([...split(bytes, [cut]).map(chunk), done]).pipe(httpResponse()));
      assert.deepEqual(events[0], {
        type: 'Head',
        statusCode: 201,
        headers: { 'content-type': 'text/plain', 'x-many': '1, 2' },
        cookies: ['a=1'],
      });
      const body = Buffer.concat(events.slice(1).map((e) => (e.type === 'PayloadChunk' ? e.payload : new Uint8Array())));
      assert.equal(body.toString(), 'hello body');
    }
  });

  it('composes with text()', async () => {
    const prelude = encodeHttpPrelude({ statusCode: 200 });
    assert.deepEqual(await all(of(chunk(Buffer.concat([prelude, Buffer.from('hi')])), done).pipe(httpResponse(), text())), ['hi']);
  });

  it('errors with PreludeDecodeError when the stream has no prelude', async () => {
    const { error } = await settle(of(chunk('plain body'), done).pipe(httpResponse()));
    assert.ok(error instanceof PreludeDecodeError);
  });
});
