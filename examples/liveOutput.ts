// Text on stdout as it arrives, with a status line kept under it on stderr (npm start).
//
// On a terminal (stdout and stderr both TTYs) the status line stays on the last row and
// the text flows above it, wrapped to the terminal width. Otherwise stdout gets the text
// verbatim, and stderr the status line: rewritten in place when stderr is a terminal,
// printed once at the end when it is not.

/** ANSI: clear the whole row, and move the cursor one row up. */
const CLEAR_ROW = '\r\x1b[2K';
const UP = '\x1b[1A';
/** Width used when the terminal does not say. */
const DEFAULT_COLUMNS = 80;

/** Prints streamed text with a live status line: `begin()`, then `text()`/`status()`, then `end()`. */
export class LiveOutput {
  readonly #layout: 'terminal' | 'status-in-place' | 'status-at-end';
  readonly #columns: number;
  readonly #statusColumns: number;
  #row = '';
  #status = '';
  #fullStatus = '';
  #endsWithNewline = true;

  constructor(
    readonly stdout: NodeJS.WriteStream = process.stdout,
    readonly stderr: NodeJS.WriteStream = process.stderr,
  ) {
    this.#layout = stdout.isTTY && stderr.isTTY ? 'terminal' : stderr.isTTY ? 'status-in-place' : 'status-at-end';
    this.#columns = Math.max(20, (stdout.columns ?? DEFAULT_COLUMNS) - 1);
    this.#statusColumns = Math.max(20, (stderr.columns ?? DEFAULT_COLUMNS) - 1);
  }

  /** Starts a response: on a terminal, reserves the row the text flows into, above the status row. */
  begin(): void {
    this.#row = '';
    this.#endsWithNewline = true;
    if (this.#layout === 'terminal') this.stdout.write('\n');
  }

  /** Appends text. */
  text(chunk: string): void {
    if (chunk.length === 0) return;
    this.#endsWithNewline = chunk.endsWith('\n');
    if (this.#layout !== 'terminal') {
      this.stdout.write(chunk);
      return;
    }
    let done = '';
    for (const char of chunk) {
      if (char === '\n') {
        done += `${this.#row}\n`;
        this.#row = '';
        continue;
      }
      this.#row += char;
      if (this.#row.length >= this.#columns) {
        const space = this.#row.lastIndexOf(' ');
        const cut = space > 0 ? space + 1 : this.#row.length;
        done += `${this.#row.slice(0, cut).trimEnd()}\n`;
        this.#row = this.#row.slice(cut);
      }
    }
    this.stderr.write(`${CLEAR_ROW}${UP}${CLEAR_ROW}`);
    this.stdout.write(`${done}${this.#row}\n`);
    this.stderr.write(this.#status);
  }

  /** Replaces the status line. */
  status(line: string): void {
    // A status line wider than the terminal would wrap, and the row arithmetic would break.
    this.#status = this.#layout === 'status-at-end' || line.length <= this.#statusColumns ? line : `${line.slice(0, this.#statusColumns - 1)}…`;
    this.#fullStatus = line;
    if (this.#layout === 'terminal' || this.#layout === 'status-in-place') this.stderr.write(`${CLEAR_ROW}${this.#status}`);
  }

  /** Ends the text and leaves the last status line printed under it. */
  end(): void {
    if (this.#layout === 'terminal') {
      this.stderr.write(`${CLEAR_ROW}${UP}${CLEAR_ROW}`);
      this.stdout.write(this.#row.length > 0 ? `${this.#row}\n` : '');
      this.stderr.write(`${this.#fullStatus}\n`);
    } else {
      if (!this.#endsWithNewline) this.stdout.write('\n');
      this.stderr.write(this.#layout === 'status-in-place' ? `${CLEAR_ROW}${this.#fullStatus}\n` : `${this.#fullStatus}\n`);
    }
    this.#row = '';
    this.#endsWithNewline = true;
  }
}
