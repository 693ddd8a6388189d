import { InvocationTimeoutError, ResponseSizeTooLargeError } from '../errors.js';
import type { Handler } from '../handler.js';
import { BUFFERED_RESPONSE_MAX_BYTES } from '../limits.js';
import { adaptiveSink } from '../sink/adaptiveSink.js';
import { bufferedResult } from '../sink/bufferedResult.js';
import { toResponseSource } from '../sink/toResponseSource.js';
import { fromManagedContext, type ManagedContext } from './fromManagedContext.js';
import { DEADLINE_MARGIN_MS } from './runInvocation.js';
import type { RuntimeOptions } from './runtimeOptions.js';

/**
 * The same Observable handler under the managed `nodejs22.x` / `nodejs24.x` runtime,
 * buffered: an `async (event, context)` function resolving with the response. A JSON
 * result is returned as is; an HTTP response (`head()` first) as the proxy result of the
 * event's source (API Gateway REST/HTTP, Function URL, ALB); body bytes without a head as
 * a UTF-8 string (the managed runtime JSON-encodes whatever a handler returns). Over
 * 6,291,556 bytes it fails with `Function.ResponseSizeTooLarge`; the deadline is enforced.
 *
 * @example
 * ```ts
 * import { of } from 'rxjs';
 * import { bufferedHandler } from 'rx-lambda/runtime';
 * export const handler = bufferedHandler((event: { name: string }) => of({ hello: event.name }));
 * ```
 */
export function bufferedHandler<E = unknown>(
  handler: Handler<E>,
  _options: RuntimeOptions = {},
): (event: E, context: ManagedContext) => Promise<unknown> {
  const mode = { kind: 'buffered', maxBytes: BUFFERED_RESPONSE_MAX_BYTES } as const;
  return (event, managed) =>
    new Promise<unknown>((resolve, reject) => {
      const controller = new AbortController();
      const context = fromManagedContext(managed, controller.signal);
      let done = false;
      const finish = (error: unknown, value?: unknown): void => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        subscription?.unsubscribe();
        if (error === undefined) resolve(value);
        else reject(error);
      };
      const timer = setTimeout(() => {
        if (done) return;
        const error = new InvocationTimeoutError(context.deadlineMs);
        subscription?.unsubscribe();
        controller.abort(error);
        finish(error);
      }, Math.max(0, context.getRemainingTimeInMillis() - DEADLINE_MARGIN_MS));
      let subscription: { unsubscribe(): void } | undefined;
      try {
        subscription = toResponseSource(handler(event, context))
          .pipe(adaptiveSink(mode))
          .subscribe({
            next: (decision) => {
              if (decision.kind !== 'complete') return;
              try {
                const result = bufferedResult(decision.response, event);
                const value = result.kind === 'bytes' ? Buffer.from(result.bytes).toString('utf8') : result.value;
                const size = Buffer.byteLength(JSON.stringify(value ?? null));
                if (size > BUFFERED_RESPONSE_MAX_BYTES) finish(new ResponseSizeTooLargeError(size, BUFFERED_RESPONSE_MAX_BYTES));
                else finish(undefined, value);
              } catch (error) {
                finish(error);
              }
            },
            error: (error: unknown) => finish(error ?? new Error(String(error))),
          });
        if (done) subscription.unsubscribe();
      } catch (error) {
        finish(error ?? new Error(String(error)));
      }
    });
}
