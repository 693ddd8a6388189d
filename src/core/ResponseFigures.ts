import type { EventSource } from '../sources/detectSource.js';
import { toLambdaError } from '../wire/lambdaError.js';
import type { ResponseStep } from './runToResponse.js';

/** What one invocation's response did, for a trace span or a metrics line. */
export interface ResponseFigures {
  readonly source: EventSource | undefined;
  /** `streamed` when it committed before the handler completed; else `buffered`. */
  readonly mode: 'buffered' | 'streamed';
  readonly commitReason: 'size' | 'time' | undefined;
  /** Ms from the start to the first byte handed over; undefined when nothing was sent. */
  readonly timeToFirstByteMs: number | undefined;
  /** Bytes handed over (the prelude included). */
  readonly bytes: number;
  /** Writes handed over. */
  readonly chunks: number;
  /** Times a pull source had to wait for the destination to drain. */
  readonly backpressureWaits: number;
  /** Lambda's error type, when the invocation failed. */
  readonly errorType: string | undefined;
}

/**
 * Records the figures of one invocation from the core's steps: source, mode, commit reason,
 * time to first byte, bytes, writes, backpressure waits and the error type.
 *
 * @example
 * ```ts
 * const recorder = new FiguresRecorder(() => performance.now());
 * runToResponse(request).subscribe((step) => { recorder.take(step); deliver(step); });
 * recorder.figures().timeToFirstByteMs;
 * ```
 */
export class FiguresRecorder {
  readonly #now: () => number;
  readonly #startedAt: number;
  #source: EventSource | undefined;
  #mode: 'buffered' | 'streamed' = 'buffered';
  #commitReason: 'size' | 'time' | undefined;
  #firstByteAt: number | undefined;
  #bytes = 0;
  #chunks = 0;
  #waits = 0;
  #errorType: string | undefined;

  constructor(now: () => number) {
    this.#now = now;
    this.#startedAt = now();
  }

  /** Counts one wait of a pull source for the destination to drain. */
  waited(): void {
    this.#waits++;
  }

  take(step: ResponseStep): void {
    switch (step.kind) {
      case 'buffered':
        this.#source = step.source;
        this.#sent(step.result.bytes.byteLength);
        return;
      case 'open':
        this.#source = step.source;
        if (step.reason !== 'complete') {
          this.#mode = 'streamed';
          this.#commitReason = step.reason;
        }
        this.#sent(step.chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0));
        return;
      case 'chunk':
        this.#sent(step.bytes.byteLength);
        return;
      case 'end':
        return;
      case 'error':
        this.#errorType = toLambdaError(step.error).errorType;
        return;
    }
  }

  #sent(bytes: number): void {
    this.#firstByteAt ??= this.#now();
    this.#bytes += bytes;
    this.#chunks++;
  }

  figures(): ResponseFigures {
    return {
      source: this.#source,
      mode: this.#mode,
      commitReason: this.#commitReason,
      timeToFirstByteMs: this.#firstByteAt === undefined ? undefined : this.#firstByteAt - this.#startedAt,
      bytes: this.#bytes,
      chunks: this.#chunks,
      backpressureWaits: this.#waits,
      errorType: this.#errorType,
    };
  }
}
