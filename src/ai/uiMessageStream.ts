import { Observable, type OperatorFunction } from 'rxjs';
import { head, type HeadEmission } from '../head.js';
import type { FinishReason, UiStreamPart } from './UiStreamPart.js';

/**
 * The headers of a UI message stream response. Source: the AI SDK's
 * `UI_MESSAGE_STREAM_HEADERS` (`ai` package, ui-message-stream); the marker header is how
 * its client knows the protocol version.
 */
export const UI_MESSAGE_STREAM_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/event-stream',
  'cache-control': 'no-cache',
  'x-vercel-ai-ui-message-stream': 'v1',
  'x-accel-buffering': 'no',
};

/** The SSE data line that ends a UI message stream. Source: the AI SDK's JSON-to-SSE transform. */
const DONE = 'data: [DONE]\n\n';

/** The text the client sees for an error unless `onError` says otherwise: the AI SDK's own default (errors may carry secrets). */
const MASKED_ERROR_TEXT = 'An error occurred.';

/** What `uiMessageStream()` may do. */
export interface UiMessageStreamOptions {
  /** The assistant message's id, sent in the `start` chunk. */
  readonly messageId?: string;
  /** Emit the HTTP head (status 200 and the protocol's headers) first; default true. */
  readonly head?: boolean;
  /** The `errorText` the client sees for an error of the source; default "An error occurred.". */
  readonly onError?: (error: unknown) => string;
}

type Block = { kind: 'text' | 'reasoning'; id: string } | undefined;

const sse = (chunk: Record<string, unknown>): string => `data: ${JSON.stringify(chunk)}\n\n`;

/**
 * Turns a model's answer (text deltas as strings, and reasoning, tool-call, tool-result and
 * finish parts) into the Vercel AI SDK's UI message stream protocol: server-sent events
 * `start`, `start-step`, `text-start` / `text-delta` / `text-end` (and `reasoning-*`),
 * `tool-input-start` / `tool-input-delta` / `tool-input-available`,
 * `tool-output-available`, `finish-step`, `finish`, then `[DONE]`, behind the protocol's
 * head. `useChat` and `DefaultChatTransport` read it as it streams. An error of the source
 * becomes an `error` chunk and the stream still ends properly.
 *
 * @example
 * ```ts
 * import { from } from 'rxjs';
 * import { uiMessageStream } from 'rx-lambda';
 * export const handler = () => from(['Hello', ', ', 'world']).pipe(uiMessageStream());
 * ```
 */
export function uiMessageStream(options: UiMessageStreamOptions = {}): OperatorFunction<UiStreamPart, HeadEmission | string> {
  return (source) =>
    new Observable<HeadEmission | string>((subscriber) => {
      let block: Block;
      let blocks = 0;
      const toolInputs = new Set<string>();
      const emit = (chunk: Record<string, unknown>): void => subscriber.next(sse(chunk));
      const close = (): void => {
        if (block !== undefined) emit({ type: `${block.kind}-end`, id: block.id });
        block = undefined;
      };
      const open = (kind: 'text' | 'reasoning'): string => {
        if (block?.kind === kind) return block.id;
        close();
        block = { kind, id: `${kind}-${blocks++}` };
        emit({ type: `${kind}-start`, id: block.id });
        return block.id;
      };
      const end = (finishReason: FinishReason | undefined): void => {
        close();
        emit({ type: 'finish-step' });
        emit(finishReason === undefined ? { type: 'finish' } : { type: 'finish', finishReason });
        subscriber.next(DONE);
        subscriber.complete();
      };
      if (options.head !== false) subscriber.next(head({ statusCode: 200, headers: UI_MESSAGE_STREAM_HEADERS }));
      emit(options.messageId === undefined ? { type: 'start' } : { type: 'start', messageId: options.messageId });
      emit({ type: 'start-step' });
      let finished = false;
      const subscription = source.subscribe({
        next(part) {
          if (finished) return;
          if (typeof part === 'string' || part.type === 'text') {
            const delta = typeof part === 'string' ? part : part.delta;
            if (delta !== '') emit({ type: 'text-delta', id: open('text'), delta });
            return;
          }
          switch (part.type) {
            case 'reasoning':
              emit({ type: 'reasoning-delta', id: open('reasoning'), delta: part.delta });
              return;
            case 'tool-input-start':
              close();
              toolInputs.add(part.toolCallId);
              emit({ type: 'tool-input-start', toolCallId: part.toolCallId, toolName: part.toolName });
              return;
            case 'tool-input-delta':
              emit({ type: 'tool-input-delta', toolCallId: part.toolCallId, inputTextDelta: part.delta });
              return;
            case 'tool-call':
              close();
              if (!toolInputs.has(part.toolCallId)) emit({ type: 'tool-input-start', toolCallId: part.toolCallId, toolName: part.toolName });
              toolInputs.add(part.toolCallId);
              emit({ type: 'tool-input-available', toolCallId: part.toolCallId, toolName: part.toolName, input: part.input });
              return;
            case 'tool-result':
              close();
              emit({ type: 'tool-output-available', toolCallId: part.toolCallId, output: part.output });
              return;
            case 'finish':
              finished = true;
              end(part.finishReason);
              return;
          }
        },
        error(error: unknown) {
          if (finished) return;
          finished = true;
          close();
          emit({ type: 'error', errorText: options.onError ? options.onError(error) : MASKED_ERROR_TEXT });
          subscriber.next(DONE);
          subscriber.complete();
        },
        complete() {
          if (finished) return;
          finished = true;
          end(undefined);
        },
      });
      return () => subscription.unsubscribe();
    });
}
