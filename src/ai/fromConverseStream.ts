import { Observable } from 'rxjs';
import { ModelStreamError } from '../errors.js';
import { pull } from '../sink/pull.js';
import type { ConverseStreamEvent } from './ConverseStreamEvent.js';
import type { FinishReason, UiStreamPart } from './UiStreamPart.js';

/** Bedrock's stop reasons in the AI SDK's words. Source: Bedrock `ConverseStream` API reference (`StopReason`). */
const FINISH_REASONS: Readonly<Record<string, FinishReason>> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  tool_use: 'tool-calls',
  max_tokens: 'length',
  model_context_window_exceeded: 'length',
  content_filtered: 'content-filter',
  guardrail_intervened: 'content-filter',
};

/** The exception members a `ConverseStream` event may carry instead of content. */
const EXCEPTIONS = [
  'internalServerException',
  'modelStreamErrorException',
  'serviceUnavailableException',
  'throttlingException',
  'validationException',
] as const;

/** The parts one event yields; `tools` holds the tool calls still streaming their input, by block index. */
function partsOf(event: ConverseStreamEvent, tools: Map<number, { id: string; name: string; input: string }>): UiStreamPart[] {
  for (const name of EXCEPTIONS) {
    const exception = event[name];
    if (exception !== undefined) throw new ModelStreamError(name, exception.message ?? 'the model stream failed');
  }
  const toolStart = event.contentBlockStart?.start?.toolUse;
  if (toolStart !== undefined) {
    const tool = { id: toolStart.toolUseId ?? '', name: toolStart.name ?? '', input: '' };
    tools.set(event.contentBlockStart?.contentBlockIndex ?? 0, tool);
    return [{ type: 'tool-input-start', toolCallId: tool.id, toolName: tool.name }];
  }
  const delta = event.contentBlockDelta?.delta;
  if (delta !== undefined) {
    if (delta.text !== undefined) return [delta.text];
    if (delta.reasoningContent?.text !== undefined) return [{ type: 'reasoning', delta: delta.reasoningContent.text }];
    const input = delta.toolUse?.input;
    const tool = tools.get(event.contentBlockDelta?.contentBlockIndex ?? 0);
    if (input !== undefined && tool !== undefined) {
      tool.input += input;
      return [{ type: 'tool-input-delta', toolCallId: tool.id, delta: input }];
    }
    return [];
  }
  if (event.contentBlockStop !== undefined) {
    const index = event.contentBlockStop.contentBlockIndex ?? 0;
    const tool = tools.get(index);
    if (tool === undefined) return [];
    tools.delete(index);
    return [{ type: 'tool-call', toolCallId: tool.id, toolName: tool.name, input: tool.input === '' ? {} : (JSON.parse(tool.input) as unknown) }];
  }
  if (event.messageStop !== undefined) {
    const reason = event.messageStop.stopReason;
    return [{ type: 'finish', finishReason: reason === undefined ? 'stop' : (FINISH_REASONS[reason] ?? 'other') }];
  }
  return [];
}

/**
 * A Bedrock `ConverseStream` response as the parts `uiMessageStream()` takes: text deltas
 * as strings, reasoning deltas, tool calls (their input as it streams, then parsed), and
 * the finish reason. Pass the command's output (or its `stream`); events are read only as
 * fast as the response drains (see `pull`), and an exception event errors with
 * `ModelStreamError`.
 *
 * @example
 * ```ts
 * import { BedrockRuntimeClient, ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
 * import { defer, switchMap } from 'rxjs';
 * import { fromConverseStream, uiMessageStream } from 'rx-lambda';
 * const bedrock = new BedrockRuntimeClient({});
 * export const handler = () =>
 *   defer(() => bedrock.send(new ConverseStreamCommand({ modelId, messages })))
 *     .pipe(switchMap(fromConverseStream), uiMessageStream());
 * ```
 */
export function fromConverseStream(output: AsyncIterable<ConverseStreamEvent> | { readonly stream?: AsyncIterable<ConverseStreamEvent> | undefined }): Observable<UiStreamPart> {
  const events = Symbol.asyncIterator in output ? output : output.stream;
  if (events === undefined) return new Observable<UiStreamPart>((subscriber) => subscriber.complete());
  return pull(async function* () {
    const tools = new Map<number, { id: string; name: string; input: string }>();
    for await (const event of events) yield* partsOf(event, tools);
  });
}
