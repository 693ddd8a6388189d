// A token-by-token text stream, as an LLM front end sends it: each word leaves the function
// as soon as it is "generated". The sink holds the first tokens for flushAfterMs, then
// commits to streaming, so the caller sees text arrive while the function still runs.
import { concatMap, delay, from, of } from 'rxjs';
import type { Handler } from 'rx-lambda';

/** Milliseconds between tokens by default: roughly a fast model's pace. */
const DEFAULT_TOKEN_INTERVAL_MS = 40;

const ANSWER =
  'Streaming lets a Lambda function send its answer while it is still thinking: ' +
  'the first words reach the reader in milliseconds instead of after the whole reply is ready. ' +
  'rx-lambda turns each emission of an Observable into bytes on the wire.\n';

export interface PromptEvent {
  readonly prompt?: string;
  /** Pause between tokens, milliseconds. */
  readonly intervalMs?: number;
}

export const handler: Handler<PromptEvent> = (event) => {
  const text = event.prompt ? `You asked: ${event.prompt}\n${ANSWER}` : ANSWER;
  const tokens = text.match(/\S+\s*/g) ?? [];
  const pause = event.intervalMs ?? DEFAULT_TOKEN_INTERVAL_MS;
  return from(tokens).pipe(concatMap((token, i) => of(token).pipe(delay(i === 0 ? 0 : pause))));
};
