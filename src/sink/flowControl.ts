import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Demand signal from a response sink to the pull sources feeding it.
 * `ready()` returns `undefined` when the sink can take more now, or a promise that
 * resolves once the bytes already handed over have drained into the socket.
 */
export interface FlowControl {
  ready(): Promise<void> | undefined;
}

/**
 * Where a sink publishes its `FlowControl` for the pull sources subscribed under it.
 * The runtime subscribes to a handler's Observable inside `FLOW_CONTROL.run(...)`; a
 * `pull()` source reads the store when it is subscribed. The store holds per-invocation
 * state only; this constant is the lookup key, not state.
 *
 * @example
 * ```ts
 * FLOW_CONTROL.run({ ready: () => socketDrained() }, () => handler$.subscribe(observer));
 * ```
 */
export const FLOW_CONTROL = new AsyncLocalStorage<FlowControl>();
