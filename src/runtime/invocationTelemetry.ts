import type { ResponseFigures } from '../core/ResponseFigures.js';
import { parseXRayTraceHeader } from '../wire/parseXRayTraceHeader.js';
import { RUNTIME_API_HEADER_KEYS } from '../wire/runtimeApiVocabulary.js';

/** The parts of `@opentelemetry/api` the runtime uses (an optional peer: typed here, so our types never need it). */
interface OtelApi {
  readonly trace: {
    getTracer(name: string): OtelTracer;
    setSpanContext(context: unknown, spanContext: { traceId: string; spanId: string; traceFlags: number; isRemote: boolean }): unknown;
  };
  readonly ROOT_CONTEXT: unknown;
  readonly SpanKind: { readonly SERVER: number };
  readonly SpanStatusCode: { readonly ERROR: number };
}
type Attributes = Record<string, string | number | boolean>;
interface OtelTracer {
  startSpan(name: string, options: { kind: number; attributes: Attributes; startTime: number }, context?: unknown): OtelSpan;
}
interface OtelSpan {
  setAttributes(attributes: Attributes): void;
  setStatus(status: { code: number; message?: string }): void;
  end(endTime?: number): void;
}

/** One invocation's span and metrics: started when `/next` answered, ended when the last byte was accepted. */
export interface InvocationTelemetry {
  end(figures: ResponseFigures): void;
}

/** Starts the telemetry of invocations. */
export interface Telemetry {
  start(headers: Readonly<Record<string, string | undefined>>, coldStart: boolean): InvocationTelemetry;
}

/** The tracer's name (instrumentation scope). */
const TRACER_NAME = 'rx-lambda';
/** CloudWatch namespace of the EMF metrics. */
const METRICS_NAMESPACE = 'rx-lambda';

/** OpenTelemetry's `faas.trigger` for each event source. Source: OpenTelemetry FaaS semantic conventions. */
function triggerOf(source: string | undefined): string {
  switch (source) {
    case 'apigw-rest':
    case 'apigw-http':
    case 'function-url':
    case 'alb':
      return 'http';
    case 'sqs':
    case 'sns':
    case 'eventbridge':
    case 'kinesis':
      return 'pubsub';
    case 'dynamodb':
    case 's3':
      return 'datasource';
    case 'schedule':
      return 'timer';
    default:
      return 'other';
  }
}

function figureAttributes(figures: ResponseFigures, durationMs: number): Attributes {
  const attributes: Attributes = {
    'faas.trigger': triggerOf(figures.source),
    'rx_lambda.source': figures.source ?? 'unknown',
    'rx_lambda.response_mode': figures.mode,
    'rx_lambda.bytes': figures.bytes,
    'rx_lambda.chunks': figures.chunks,
    'rx_lambda.backpressure_waits': figures.backpressureWaits,
    'rx_lambda.duration_ms': durationMs,
  };
  if (figures.commitReason) attributes['rx_lambda.commit_reason'] = figures.commitReason;
  if (figures.timeToFirstByteMs !== undefined) attributes['rx_lambda.time_to_first_byte_ms'] = figures.timeToFirstByteMs;
  if (figures.errorType) attributes['error.type'] = figures.errorType;
  return attributes;
}

/**
 * The CloudWatch embedded-metric-format line of one invocation's figures. Source: CloudWatch
 * EMF specification (`_aws.CloudWatchMetrics`).
 *
 * @example
 * ```ts
 * emfLine('orders', 'r1', figures, 12, true, Date.now()); // '{"_aws":{...},"FunctionName":"orders",...}\n'
 * ```
 */
export function emfLine(functionName: string, requestId: string, figures: ResponseFigures, durationMs: number, coldStart: boolean, at: number): string {
  const metrics: [string, string, number][] = [
    ['Duration', 'Milliseconds', durationMs],
    ['ResponseBytes', 'Bytes', figures.bytes],
    ['ResponseChunks', 'Count', figures.chunks],
    ['BackpressureWaits', 'Count', figures.backpressureWaits],
    ['Errors', 'Count', figures.errorType === undefined ? 0 : 1],
    ['ColdStart', 'Count', coldStart ? 1 : 0],
  ];
  if (figures.timeToFirstByteMs !== undefined) metrics.push(['TimeToFirstByte', 'Milliseconds', figures.timeToFirstByteMs]);
  const record: Record<string, unknown> = {
    _aws: {
      Timestamp: at,
      CloudWatchMetrics: [
        {
          Namespace: METRICS_NAMESPACE,
          Dimensions: [['FunctionName', 'Source', 'ResponseMode']],
          Metrics: metrics.map(([Name, Unit]) => ({ Name, Unit })),
        },
      ],
    },
    FunctionName: functionName,
    Source: figures.source ?? 'unknown',
    ResponseMode: figures.mode,
    requestId,
    ...(figures.commitReason ? { commitReason: figures.commitReason } : {}),
    ...(figures.errorType ? { errorType: figures.errorType } : {}),
  };
  for (const [name, , value] of metrics) record[name] = value;
  return `${JSON.stringify(record)}\n`;
}

/**
 * Loads the runtime's telemetry: an OpenTelemetry span per invocation when `tracing` is on
 * and `@opentelemetry/api` is installed (a no-op tracer until an SDK registers one), whose
 * parent is the X-Ray trace of `Lambda-Runtime-Trace-Id`; and, when `metrics` is on, one
 * CloudWatch EMF line per invocation through `write`. `undefined` when there is neither
 * (tracing off or `@opentelemetry/api` not installed, metrics off): then invocations record
 * no figures at all.
 *
 * @example
 * ```ts
 * const telemetry = await loadTelemetry({ tracing: true, metrics: false, write: (l) => process.stdout.write(l) });
 * const invocation = telemetry?.start(next.headers, true);
 * invocation?.end(recorder.figures());
 * ```
 */
export async function loadTelemetry(options: { tracing: boolean; metrics: boolean; write: (line: string) => void }): Promise<Telemetry | undefined> {
  let api: OtelApi | undefined;
  if (options.tracing) {
    try {
      api = await import('@opentelemetry/api');
    } catch {
      api = undefined; // not installed: no spans
    }
  }
  if (api === undefined && !options.metrics) return undefined;
  const tracer = api?.trace.getTracer(TRACER_NAME);
  const functionName = process.env.AWS_LAMBDA_FUNCTION_NAME ?? '';
  return {
    start(headers, coldStart) {
      const startedAt = Date.now();
      const requestId = headers[RUNTIME_API_HEADER_KEYS.requestId] ?? '';
      let span: OtelSpan | undefined;
      if (api && tracer) {
        const xray = parseXRayTraceHeader(headers[RUNTIME_API_HEADER_KEYS.traceId]);
        const parent = xray
          ? api.trace.setSpanContext(api.ROOT_CONTEXT, { traceId: xray.traceId, spanId: xray.spanId, traceFlags: xray.sampled ? 1 : 0, isRemote: true })
          : undefined;
        const attributes: Attributes = { 'faas.invocation_id': requestId, 'faas.coldstart': coldStart };
        if (functionName) attributes['faas.name'] = functionName;
        const arn = headers[RUNTIME_API_HEADER_KEYS.invokedFunctionArn];
        if (arn) attributes['cloud.resource_id'] = arn;
        span = tracer.startSpan(functionName || 'invocation', { kind: api.SpanKind.SERVER, attributes, startTime: startedAt }, parent);
      }
      return {
        end(figures) {
          const endedAt = Date.now();
          const durationMs = endedAt - startedAt;
          if (span && api) {
            span.setAttributes(figureAttributes(figures, durationMs));
            if (figures.errorType) span.setStatus({ code: api.SpanStatusCode.ERROR, message: figures.errorType });
            span.end(endedAt);
          }
          if (options.metrics) options.write(emfLine(functionName, requestId, figures, durationMs, coldStart, endedAt));
        },
      };
    },
  };
}
