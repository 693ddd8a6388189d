import { map, type OperatorFunction } from 'rxjs';

/** Per-message fields of `sse()`, computed from each value. */
export interface SseOptions<T> {
  /** The `event:` field; a fixed name or one per value. */
  readonly event?: string | ((value: T, index: number) => string | undefined);
  /** The `id:` field (what the browser sends back as `Last-Event-ID`). */
  readonly id?: (value: T, index: number) => string | undefined;
  /** The `retry:` field, milliseconds, sent with the first message only. */
  readonly retry?: number;
}

const LINE_BREAK = /\r\n|\r|\n/;

function field(name: string, value: string): string {
  if (LINE_BREAK.test(value)) throw new TypeError(`sse(): the ${name} field must not contain a line break`);
  return `${name}: ${value}\n`;
}

/**
 * Turns a stream of values into Server-Sent Events body chunks (`text/event-stream`):
 * strings are sent as they are (one `data:` line per line), other values as JSON.
 * Emit `head({ statusCode: 200, headers: { 'content-type': 'text/event-stream' } })` first.
 *
 * @example
 * ```ts
 * import { concat, interval, of, take } from 'rxjs';
 * import { head, sse } from 'rx-lambda';
 * export const handler = () => concat(
 *   of(head({ statusCode: 200, headers: { 'content-type': 'text/event-stream' } })),
 *   interval(1000).pipe(take(3), sse({ event: 'tick', id: (n) => String(n) })),
 * );
 * ```
 */
export function sse<T>(options: SseOptions<T> = {}): OperatorFunction<T, string> {
  return map((value, index) => {
    let out = '';
    if (index === 0 && options.retry !== undefined) out += field('retry', String(Math.trunc(options.retry)));
    const event = typeof options.event === 'function' ? options.event(value, index) : options.event;
    if (event !== undefined) out += field('event', event);
    const id = options.id?.(value, index);
    if (id !== undefined) out += field('id', id);
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- JSON.stringify returns undefined for undefined and functions, which its lib type omits
    const data = typeof value === 'string' ? value : (JSON.stringify(value) ?? 'null');
    for (const line of data.split(LINE_BREAK)) out += `data: ${line}\n`;
    return `${out}\n`;
  });
}
