import type { EventSource } from '../sources/detectSource.js';
import { SAMPLE_EVENTS, type SampleEvents } from './SAMPLE_EVENTS.js';

/** An override of an event: any part of it, nested; arrays and other values replace what they stand for. */
export type EventOverrides<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: EventOverrides<T[K]> } : T;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function merge(base: unknown, overrides: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(overrides)) return overrides === undefined ? base : overrides;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    out[key] = merge(base[key], value);
  }
  return out;
}

/**
 * A realistic, typed event of `source`, in the shape of AWS's own samples (what
 * `sam local generate-event` writes), with `overrides` merged in (objects merge deeply;
 * arrays and other values replace). Every call returns a fresh copy.
 *
 * @example
 * ```ts
 * import { sampleEvent } from 'rx-lambda/testing';
 * const event = sampleEvent('apigw-http', { rawPath: '/orders/7', requestContext: { http: { method: 'GET' } } });
 * const sqs = sampleEvent('sqs', { Records: [{ ...sampleEvent('sqs').Records[0]!, body: '{"id":1}' }] });
 * ```
 */
export function sampleEvent<S extends Exclude<EventSource, 'unknown'>>(source: S, overrides?: EventOverrides<SampleEvents[S]>): SampleEvents[S] {
  const base = SAMPLE_EVENTS[source] as unknown;
  if (base === undefined) throw new RangeError(`sampleEvent: unknown event source ${JSON.stringify(source)}`);
  return structuredClone(merge(base, overrides)) as SampleEvents[S];
}
