import { ContextCallbackError } from '../errors.js';
import type { InvocationContext } from '../handler.js';

/** The members of `InvocationContext` that exist only to match `Context` from `@types/aws-lambda`. */
export type ContextCallbacks = Pick<InvocationContext, 'callbackWaitsForEmptyEventLoop' | 'done' | 'fail' | 'succeed'>;

/**
 * The legacy callback members of a context: `callbackWaitsForEmptyEventLoop` false, and
 * `done`, `fail`, `succeed` that throw `ContextCallbackError`.
 *
 * @example
 * ```ts
 * const context: InvocationContext = { ...fields, ...contextCallbacks() };
 * ```
 */
export function contextCallbacks(): ContextCallbacks {
  /* eslint-disable @typescript-eslint/no-deprecated -- Lambda's callback members must exist on the context; they are deprecated so editors warn, and here they are defined to throw */
  return {
    callbackWaitsForEmptyEventLoop: false,
    done: () => {
      throw new ContextCallbackError('done');
    },
    fail: () => {
      throw new ContextCallbackError('fail');
    },
    succeed: () => {
      throw new ContextCallbackError('succeed');
    },
  };
  /* eslint-enable @typescript-eslint/no-deprecated */
}
