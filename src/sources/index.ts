export { detectSource, type EventSource } from './detectSource.js';
