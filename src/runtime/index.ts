export { startRuntime, NEXT_MAX_ATTEMPTS, NEXT_RETRY_INITIAL_DELAY_MS } from './startRuntime.js';
export { streamifyHandler, type ManagedResponseStream, type StreamifiedHandler } from './streamifyHandler.js';
export { bufferedHandler } from './bufferedHandler.js';
export type { ManagedContext } from './fromManagedContext.js';
export {
  resolveRuntimeOptions,
  DEFAULT_BUFFER_LIMIT_BYTES,
  DEFAULT_FLUSH_AFTER_MS,
  DEFAULT_HIGH_WATER_MARK_BYTES,
  type RuntimeOptions,
  type ResolvedRuntimeOptions,
} from './resolveRuntimeOptions.js';
export { DEADLINE_MARGIN_MS } from './runInvocation.js';
