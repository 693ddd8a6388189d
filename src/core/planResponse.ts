import { BUFFERED_RESPONSE_MAX_BYTES } from '../limits.js';
import type { SinkMode } from '../sink/adaptiveSink.js';
import type { HttpShape } from '../sink/HttpShape.js';
import { detectSource, type EventSource } from '../sources/detectSource.js';

/** The options that decide a response's shape (a subset of the resolved runtime options). */
export interface ResponseOptions {
  readonly responseMode: 'buffered' | 'streaming';
  readonly bufferLimit: number;
  readonly flushAfterMs: number;
  /** API Gateway REST integrations stream (`responseTransferMode: STREAM`). */
  readonly restStreaming: boolean;
}

/** How one invocation's response leaves: the sink's mode and the shape its caller reads. */
export interface ResponsePlan {
  readonly source: EventSource;
  readonly sink: SinkMode;
  readonly shape: HttpShape;
  /** The caller reads only HTTP responses (API Gateway, ALB): a body without `head()` gets a `200` head. */
  readonly httpOnly: boolean;
}

const BUFFERED: SinkMode = { kind: 'buffered', maxBytes: BUFFERED_RESPONSE_MAX_BYTES };

function shapeOf(source: EventSource, event: unknown): HttpShape {
  if (source === 'apigw-rest') return 'apigw-rest';
  if (source !== 'alb') return 'payload-v2';
  // An ALB target group with multi-value headers on sends `multiValueHeaders` and reads them back.
  return typeof event === 'object' && event !== null && 'multiValueHeaders' in event ? 'alb-multi-value' : 'alb';
}

/**
 * Caller-fit responses: what the caller's service can read decides the shape before
 * `responseMode` does. ALB and API Gateway HTTP API call `Invoke` and cannot stream, so
 * they always get a buffered proxy result; API Gateway REST too, unless `restStreaming`
 * says its integration streams; Function URLs and everything else follow `responseMode`.
 *
 * @example
 * ```ts
 * planResponse(albEvent, { responseMode: 'streaming', bufferLimit: 1 << 20, flushAfterMs: 50, restStreaming: false }).sink.kind;
 * // 'buffered'
 * ```
 */
export function planResponse(event: unknown, options: ResponseOptions): ResponsePlan {
  const source = detectSource(event);
  const shape = shapeOf(source, event);
  const streams =
    source === 'alb' || source === 'apigw-http' ? false : source === 'apigw-rest' ? options.restStreaming : options.responseMode === 'streaming';
  const sink: SinkMode = streams ? { kind: 'streaming', bufferLimit: options.bufferLimit, flushAfterMs: options.flushAfterMs } : BUFFERED;
  const httpOnly = source === 'alb' || source === 'apigw-http' || source === 'apigw-rest';
  return { source, sink, shape, httpOnly };
}
