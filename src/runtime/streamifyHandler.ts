import type { Writable } from 'node:stream';
import type { Subscription } from 'rxjs';
import { BackpressureOverflowError, InvocationTimeoutError } from '../errors.js';
import type { Handler } from '../handler.js';
import type { HeadEmission } from '../head.js';
import { adaptiveSink } from '../sink/adaptiveSink.js';
import { FLOW_CONTROL } from '../sink/flowControl.js';
import { toResponseSource } from '../sink/toResponseSource.js';
import { toStreamingPrelude } from '../sink/toStreamingPrelude.js';
import { encodeHttpPrelude, HTTP_INTEGRATION_CONTENT_TYPE } from '../wire/encodeHttpPrelude.js';
import { fromManagedContext, type ManagedContext } from './fromManagedContext.js';
import { DEADLINE_MARGIN_MS, sinkModeOf } from './runInvocation.js';
import { resolveRuntimeOptions, type RuntimeOptions } from './runtimeOptions.js';

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
 * response streaming (what `awslambda.streamifyResponse` does, keeping its tag): the
 * adaptive sink holds, commits and streams exactly as under `startRuntime`; the HTTP
 * prelude is written even for an empty body; pull sources follow the stream's `drain`;
 * the deadline is enforced. An error after the first byte ends the stream with error
 * trailers; the managed runtime also reports an error before it that way (it has no
 * `/error` for streaming handlers).
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
  const resolved = resolveRuntimeOptions({ ...options, responseMode: 'streaming' });
  const mode = sinkModeOf(resolved);

  const streaming = (event: E, stream: ManagedResponseStream, managed: ManagedContext): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      const controller = new AbortController();
      const context = fromManagedContext(managed, controller.signal);
      let committed = false;
      let done = false;
      let drain: Promise<void> | undefined;
      let subscription: Subscription | undefined;

      const stop = (): void => {
        done = true;
        clearTimeout(timer);
        subscription?.unsubscribe();
      };
      const fail = (error: unknown): void => {
        if (done) return;
        stop();
        reject(error);
      };
      const start = (head: HeadEmission | undefined, chunks: readonly Uint8Array[], json?: string): void => {
        committed = true;
        if (json !== undefined) {
          stream.setContentType('application/json');
          stream.write(json);
          return;
        }
        if (head !== undefined) {
          const prelude = encodeHttpPrelude(toStreamingPrelude(head, event));
          stream.setContentType(HTTP_INTEGRATION_CONTENT_TYPE);
          stream.write(prelude);
        }
        for (const chunk of chunks) stream.write(chunk);
      };
      const end = (): void => {
        if (done) return;
        stop();
        stream.end(() => resolve());
      };

      const timer = setTimeout(() => {
        if (done) return;
        const error = new InvocationTimeoutError(context.deadlineMs);
        subscription?.unsubscribe();
        controller.abort(error);
        fail(error);
      }, Math.max(0, context.getRemainingTimeInMillis() - DEADLINE_MARGIN_MS));

      const ready = (): Promise<void> | undefined => {
        if (!committed || !stream.writableNeedDrain) return undefined;
        drain ??= new Promise<void>((r) => stream.once('drain', () => { drain = undefined; r(); }));
        return drain;
      };

      try {
        const source = toResponseSource(handler(event, context)).pipe(adaptiveSink(mode));
        FLOW_CONTROL.run({ ready }, () => {
          subscription = source.subscribe({
            next: (decision) => {
              if (done) return;
              try {
                if (decision.kind === 'complete') {
                  const held = decision.response;
                  if (held.kind === 'json') start(undefined, [], JSON.stringify(held.value) ?? 'null');
                  else start(held.head, held.chunks);
                  end();
                } else if (decision.kind === 'commit') {
                  start(decision.head, decision.chunks);
                } else {
                  if (stream.writableLength > resolved.highWaterMark) {
                    fail(new BackpressureOverflowError(stream.writableLength, resolved.highWaterMark));
                    return;
                  }
                  stream.write(decision.bytes);
                }
              } catch (error) {
                fail(error);
              }
            },
            error: fail,
            complete: end,
          });
        });
        if (done) subscription?.unsubscribe();
      } catch (error) {
        fail(error);
      }
    });

  const tagged = streaming as StreamifiedHandler<E> & Record<symbol, unknown>;
  tagged[STREAMING_TAG] = STREAM_RESPONSE;
  tagged[HIGH_WATER_MARK_TAG] = resolved.highWaterMark;
  return tagged;
}
