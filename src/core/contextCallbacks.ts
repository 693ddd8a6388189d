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
}
