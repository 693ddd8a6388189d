import { asyncScheduler } from 'rxjs';
import { runToResponse } from '../core/runToResponse.js';
import { InvalidRuntimeOptionError } from '../errors.js';
import type { Handler } from '../handler.js';
import { asManagedRuntimeError } from '../wire/lambdaError.js';
import { fromManagedContext, type ManagedContext } from './fromManagedContext.js';
import { resolveRuntimeOptions, type RuntimeOptions } from './resolveRuntimeOptions.js';

/**
 * The same Observable handler under the managed `nodejs22.x` / `nodejs24.x` runtime,
 * buffered: an `async (event, context)` function resolving with the response, hosted on the
 * same core as `startRuntime`. A JSON result is returned as is; an HTTP response (`head()`
 * first) as the proxy result its caller reads (API Gateway REST/HTTP, Function URL, ALB);
 * body bytes without a head as a UTF-8 string (the managed runtime JSON-encodes whatever a
 * handler returns). Over 6,291,556 bytes it fails with `Function.ResponseSizeTooLarge`; the
 * deadline is enforced (`Sandbox.Timedout`). `options` are validated and applied like
 * `startRuntime`'s (environment defaults included); `responseMode: 'streaming'` and
 * `restStreaming` cannot apply to a buffered function and are refused.
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
  options: RuntimeOptions = {},
): (event: E, context: ManagedContext) => Promise<unknown> {
  if (options.responseMode === 'streaming') {
    throw new InvalidRuntimeOptionError('responseMode', options.responseMode, "'buffered' (use streamifyHandler to stream)");
  }
  if (options.restStreaming === true) {
    throw new InvalidRuntimeOptionError('restStreaming', options.restStreaming, 'false (use streamifyHandler to stream to API Gateway REST)');
  }
  const resolved = { ...resolveRuntimeOptions(options), responseMode: 'buffered', restStreaming: false } as const;
  return (event, managed) =>
    new Promise<unknown>((resolve, reject) => {
      runToResponse({
        handler: handler as Handler,
        event,
        context: (signal) => fromManagedContext(managed, signal),
        options: resolved,
        outlet: { ready: () => undefined, queuedBytes: () => 0 },
        scheduler: asyncScheduler,
      }).subscribe((step) => {
        if (step.kind === 'error') reject(asManagedRuntimeError(step.error));
        else if (step.kind === 'buffered') {
          const { result } = step;
          resolve(result.kind === 'value' ? result.value : Buffer.from(result.bytes).toString('utf8'));
        }
      });
    });
}
