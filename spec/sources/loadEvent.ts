import { readFileSync } from 'node:fs';
import { SAMPLE_EVENTS } from '../../src/testing/SAMPLE_EVENTS.js';

const EVENTS_DIR = new URL('../fixtures/events/', import.meta.url);

/**
 * A fresh copy of a sample event (safe to mutate): one of `sampleEvent`'s samples by its source
 * name, or one of the variants in spec/fixtures/events (`alb-multi-value`, `sqs-fifo`, ...).
 */
export function loadEvent<T = Record<string, unknown>>(name: string): T {
  const sample = (SAMPLE_EVENTS as Readonly<Record<string, unknown>>)[name];
  if (sample !== undefined) return structuredClone(sample) as T;
  return JSON.parse(readFileSync(new URL(`${name}.json`, EVENTS_DIR), 'utf8')) as T;
}
