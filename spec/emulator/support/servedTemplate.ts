import { Writable } from 'node:stream';
import { serveCommand } from '../../../src/cli/serveCommand.js';

/** `rx-lambda serve` running in this process, with what it printed and a way to stop it. */
export interface Served {
  readonly url: string;
  /** The API front end, when `--api-port` was given. */
  readonly apiUrl: string | undefined;
  stdout(): string;
  stderr(): string;
  stop(): Promise<number>;
}

/** Runs `serveCommand(argv)` until `stop()`, resolving once it prints its URL (within `deadlineMs`). */
export async function serve(argv: string[], deadlineMs = 15_000): Promise<Served> {
  const out: string[] = [];
  const err: string[] = [];
  const writer = (into: string[]): Writable =>
    new Writable({
      write(chunk, _encoding, done) {
        into.push(String(chunk));
        done();
      },
    });
  let stop!: () => void;
  const stopped = new Promise<string>((resolve) => (stop = () => resolve('stop')));
  const exit = serveCommand(argv, { stdout: writer(out), stderr: writer(err), stopped });
  const started = Date.now();
  for (;;) {
    const text = out.join('');
    const match = /listening on (http:\/\/\S+)\n/.exec(text);
    if (match) {
      const api = /^ {4}\w+ \w+ (http:\/\/[^/\s]+)/m.exec(text);
      return {
        url: match[1]!,
        apiUrl: api?.[1],
        stdout: () => out.join(''),
        stderr: () => err.join(''),
        stop: async () => {
          stop();
          return exit;
        },
      };
    }
    const early = await Promise.race([exit, new Promise((resolve) => setTimeout(resolve, 20, 'waiting'))]);
    if (early !== 'waiting') throw new Error(`serve exited with ${String(early)} before listening: ${err.join('')}`);
    if (Date.now() - started > deadlineMs) throw new Error(`serve did not print its URL within ${deadlineMs} ms: ${err.join('')}`);
  }
}

/** Polls `check` every 50 ms until it returns a value other than `undefined`, or fails after `deadlineMs` saying `what`. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined>, deadlineMs = 10_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() - started > deadlineMs) throw new Error(`timed out after ${deadlineMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
