import assert from 'node:assert/strict';
import { LiveOutput } from '../../examples/liveOutput.js';

const ESC = '\u001b';

/** A terminal screen that understands what LiveOutput writes: CR, LF, ESC[2K, ESC[1A, autowrap. */
class Screen {
  readonly rows: string[][] = [[]];
  #row = 0;
  #column = 0;
  constructor(readonly columns: number) {}

  write(text: string): void {
    for (let i = 0; i < text.length; i++) {
      const escape = text[i] === ESC ? /^.\[(\d*)([AK])/.exec(text.slice(i)) : null;
      if (escape) {
        if (escape[2] === 'K') this.rows[this.#row] = [];
        else this.#row = Math.max(0, this.#row - Number(escape[1] || 1));
        i += escape[0].length - 1;
      } else if (text[i] === '\r') this.#column = 0;
      else if (text[i] === '\n') this.#next();
      else {
        if (this.#column >= this.columns) this.#next();
        const row = (this.rows[this.#row] ??= []);
        while (row.length < this.#column) row.push(' ');
        row[this.#column++] = text[i]!;
      }
    }
  }

  text(): string {
    return this.rows.map((row) => row.join('')).join('\n');
  }

  #next(): void {
    this.#row += 1;
    this.#column = 0;
    this.rows[this.#row] ??= [];
  }
}

function streams(screen: Screen | undefined, columns: number) {
  let stdout = '';
  let stderr = '';
  const stream = (tty: boolean, sink: (text: string) => void) =>
    ({ isTTY: tty, columns, write: (text: string) => (sink(text), true) }) as unknown as NodeJS.WriteStream;
  return {
    out: stream(screen !== undefined, (t) => (screen ? screen.write(t) : (stdout += t))),
    err: stream(screen !== undefined, (t) => (screen ? screen.write(t) : (stderr += t))),
    stdout: () => stdout,
    stderr: () => stderr,
  };
}

describe('LiveOutput (examples/liveOutput)', () => {
  it('on a terminal keeps one status line under the text, wrapped to the width', () => {
    const screen = new Screen(30);
    const { out, err } = streams(screen, 30);
    screen.write('heading that is longer than thirty columns\n');
    const live = new LiveOutput(out, err);
    live.begin();
    live.status('waiting');
    for (const word of 'the quick brown fox jumps over the lazy dog\nagain '.split(/(?<= )|(?<=\n)/)) {
      live.text(word);
      live.status(`status after ${JSON.stringify(word)} with a tail that is far too long`);
    }
    live.status('done');
    live.end();
    assert.equal(
      screen.text(),
      ['heading that is longer than th', 'irty columns', 'the quick brown fox jumps', 'over the lazy dog', 'again ', 'done', ''].join('\n'),
    );
  });

  it('elsewhere writes the text verbatim and the last status line once', () => {
    const { out, err, stdout, stderr } = streams(undefined, 30);
    const live = new LiveOutput(out, err);
    live.begin();
    live.status('first');
    live.text('no newline at the end');
    live.status('last');
    live.end();
    assert.equal(stdout(), 'no newline at the end\n');
    assert.equal(stderr(), 'last\n');
  });
});
