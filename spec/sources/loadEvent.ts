import { readFileSync } from 'node:fs';

const EVENTS_DIR = new URL('../fixtures/events/', import.meta.url);

/** A fresh copy of a sample event from spec/fixtures/events (safe to mutate). */
export function loadEvent<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(new URL(`${name}.json`, EVENTS_DIR), 'utf8')) as T;
}
