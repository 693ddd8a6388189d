import type { Writable } from 'node:stream';
import { asyncScheduler } from 'rxjs';
import { runToResponse } from '../core/runToResponse.js';
import type { Handler } from '../handler.js';
import { asManagedRuntimeError } from '../wire/lambdaError.js';
import { fromManagedContext, type ManagedContext } from './fromManagedContext.js';
import { resolveRuntimeOptions, type RuntimeOptions } from './resolveRuntimeOptions.js';

/** The response stream AWS's Node runtime hands a streaming handler. */
export interface ManagedResponseStream extends Writable {
  setContentType(contentType: string): void;
}

/** A handler tagged for the managed runtime's response streaming. */
export type StreamifiedHandler<E> = ((event: E, responseStream: ManagedResponseStream, context: ManagedContext) => Promise<void>) & {
  readonly [key: symbol]: unknown;
};

/** The tag AWS's Node runtime reads to call a handler with a response stream. Source: aws-lambda-ric `UserFunctionLoader`. */
const STREAMING_TAG = Symbol.for('aws.lambda.runtime.handler.streaming');
/** The tag for the response stream's highWaterMark. Source: aws-lambda-ric `UserFunctionLoader`. */
const HIGH_WATER_MARK_TAG = Symbol.for('aws.lambda.runtime.handler.streaming.highWaterMark');
/** Value of the streaming tag for response streaming. Source: aws-lambda-ric. */
const STREAM_RESPONSE = 'response';

/**
 * The same Observable handler under the managed `nodejs22.x` / `nodejs24.x` runtime with
 * response streaming (what `awslambda.streamifyResponse` does, keeping its tag), hosted on
 * the same core as `startRuntime`: caller-fit responses (ALB and HTTP API events get a
 * buffered proxy result, written as the stream's only bytes), the adaptive sink, the HTTP
 * prelude even for an empty body, pull sources that follow the stream's `drain`, the
 * deadline. A failure rejects the handler's promise, which the managed runtime reports (in
 * trailers: it has no `/error` for streaming handlers) with the same type as `startRuntime`.
 *
 * @example
 * ```ts
 * import { of } from 'rxjs';
 * import { head } from 'rx-lambda';
 * import { streamifyHandler } from 'rx-lambda/runtime';
 * export const handler = streamifyHandler(() => of(head({ statusCode: 200 }), 'hello'));
 * ```
 */
export function streamifyHandler<E = unknown>(handler: Handler<E>, options: RuntimeOptions = {}): StreamifiedHandler<E> {
  // The response stream is always a streamed POST: a held response is still sent with the streaming protocol.
  const resolved = resolveRuntimeOptions({ ...options, responseMode: 'streaming' });

  const streaming = (event: E, stream: ManagedResponseStream, managed: ManagedContext): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      let drain: Promise<void> | undefined;
      const ready = (): Promise<void> | undefined => {
        if (!stream.writableNeedDrain) return undefined;
        drain ??= new Promise<void>((r) => stream.once('drain', () => { drain = undefined; r(); }));
        return drain;
      };
      runToResponse({
        handler: handler as Handler,
        event,
        context: (signal) => fromManagedContext(managed, signal),
        options: resolved,
        outlet: { ready, queuedBytes: () => stream.writableLength },
        scheduler: asyncScheduler,
      }).subscribe((step) => {
        switch (step.kind) {
          case 'buffered':
            stream.setContentType(step.result.contentType);
            stream.end(step.result.bytes, () => resolve());
            return;
          case 'open':
            stream.setContentType(step.contentType);
            for (const chunk of step.chunks) stream.write(chunk);
            return;
          case 'chunk':
            stream.write(step.bytes);
            return;
          case 'end':
            stream.end(() => resolve());
            return;
          case 'error':
            reject(asManagedRuntimeError(step.error));
            return;
        }
      });
    });

  const tagged = streaming as StreamifiedHandler<E> & Record<symbol, unknown>;
  tagged[STREAMING_TAG] = STREAM_RESPONSE;
  tagged[HIGH_WATER_MARK_TAG] = resolved.highWaterMark;
  return tagged;
}
