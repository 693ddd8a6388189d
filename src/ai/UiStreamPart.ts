/** Why a model stopped, in the AI SDK's words. */
export type FinishReason = 'stop' | 'length' | 'content-filter' | 'tool-calls' | 'error' | 'interrupted' | 'other';

/**
 * One step of a model's answer, as `uiMessageStream()` takes it: a string (or `{ type:
 * 'text' }`) is a text delta; the others are reasoning deltas, a tool call's input as it
 * streams and once complete, a tool's result, and the end of the answer.
 */
export type UiStreamPart =
  | string
  | { readonly type: 'text'; readonly delta: string }
  | { readonly type: 'reasoning'; readonly delta: string }
  | { readonly type: 'tool-input-start'; readonly toolCallId: string; readonly toolName: string }
  | { readonly type: 'tool-input-delta'; readonly toolCallId: string; readonly delta: string }
  | { readonly type: 'tool-call'; readonly toolCallId: string; readonly toolName: string; readonly input: unknown }
  | { readonly type: 'tool-result'; readonly toolCallId: string; readonly output: unknown }
  | { readonly type: 'finish'; readonly finishReason?: FinishReason };
