import { Observable, type OperatorFunction } from 'rxjs';
import { lines } from './lines.js';
import type { ByteSource } from './StreamEvent.js';

/** One server-sent event. */
export interface SseEvent {
  /** The `event:` field; `message` when the event has none. */
  readonly event: string;
  /** The `data:` lines, joined with `\n`. */
  readonly data: string;
  /** The last event ID seen so far in the stream (the `id:` field persists), if any. */
  readonly id?: string;
  /** The `retry:` field of this event, ms. */
  readonly retry?: number;
}

/**
 * Parses the body as `text/event-stream` (the HTML server-sent events format): `field: value`
 * lines, comments (`:`), events dispatched at a blank line, events without data dropped, an
 * unfinished event at the end discarded — as a browser's `EventSource` does.
 *
 * @example
 * ```ts
 * invokeStream({ functionName: 'chat' }).pipe(sse()).subscribe(({ event, data }) => console.log(event, data));
 * ```
 */
export function sse(): OperatorFunction<ByteSource | string, SseEvent> {
  return (source) =>
    new Observable<SseEvent>((subscriber) => {
      let data: string[] = [];
      let event = '';
      let retry: number | undefined;
      let lastId: string | undefined;
      return source.pipe(lines()).subscribe({
        next(line) {
          if (line === '') {
            if (data.length > 0) {
              subscriber.next({
                event: event || 'message',
                data: data.join('\n'),
                ...(lastId !== undefined ? { id: lastId } : {}),
                ...(retry !== undefined ? { retry } : {}),
              });
            }
            data = [];
            event = '';
            retry = undefined;
            return;
          }
          if (line.charCodeAt(0) === 58) return; // ':' comment
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          let value = colon < 0 ? '' : line.slice(colon + 1);
          if (value.charCodeAt(0) === 32) value = value.slice(1);
          if (field === 'data') data.push(value);
          else if (field === 'event') event = value;
          else if (field === 'id') {
            if (!value.includes('\0')) lastId = value;
          } else if (field === 'retry') {
            if (/^\d+$/.test(value)) retry = Number(value);
          }
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      });
    });
}
