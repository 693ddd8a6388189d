export { invokeHandler, type InvokeHandlerOptions } from './invokeHandler.js';
export type { InvocationResult } from './InvocationResult.js';
export { sampleEvent, type EventOverrides } from './sampleEvent.js';
export type { SampleEvents } from './SAMPLE_EVENTS.js';
