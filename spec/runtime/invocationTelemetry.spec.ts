import assert from 'node:assert/strict';
import { trace } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { concat, map, of, throwError, timer } from 'rxjs';
import { head } from '../../src/head.js';
import type { Handler } from '../../src/handler.js';
import { startRuntime, type RuntimeOptions } from '../../src/runtime/index.js';
import { sampleEvent } from '../../src/testing/sampleEvent.js';
import { withDeadline } from '../../test-support/withDeadline.js';
import { RecordingRuntimeApi } from '../../test-support/RecordingRuntimeApi.js';

const TRACE_HEADER = 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1';
const toMs = ([seconds, nanos]: [number, number]): number => seconds * 1000 + nanos / 1e6;

describe('startRuntime telemetry', () => {
  const exporter = new InMemorySpanExporter();
  let api: RecordingRuntimeApi;
  let stop: AbortController;
  let done: Promise<void>;
  let logs: string[];

  before(() => {
    trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
  });
  after(() => trace.disable());

  const start = async (handler: Handler, options: RuntimeOptions = {}): Promise<void> => {
    exporter.reset();
    logs = [];
    api = await RecordingRuntimeApi.start();
    stop = new AbortController();
    done = startRuntime(handler, { runtimeApi: api.address, signal: stop.signal, patchConsole: false, log: (l) => logs.push(l), ...options });
    done.catch(() => undefined);
  };
  afterEach(async () => {
    stop.abort();
    await done.catch(() => undefined);
    await api.close();
  });

  const spans = (count: number): Promise<ReadableSpan[]> =>
    withDeadline(
      (async () => {
        while (exporter.getFinishedSpans().length < count) await new Promise((r) => setTimeout(r, 5));
        return exporter.getFinishedSpans();
      })(),
      `${count} finished span(s)`,
    );

  it('gives each invocation a span, child of the X-Ray trace, that ends when the last byte was accepted', async () => {
    const slow: Handler = () => concat(of(head({ statusCode: 200 }), 'a'), timer(120).pipe(map(() => 'b')));
    await start(slow);
    api.enqueue({ requestId: 'r-1', event: sampleEvent('function-url'), headers: { 'lambda-runtime-trace-id': TRACE_HEADER } });
    const posted = await api.waitFor((r) => r.url.endsWith('/r-1/response'), 'the streamed response of r-1');
    const receivedAt = Date.now();
    const [span] = await spans(1);
    assert.ok(span);
    assert.equal(span.spanContext().traceId, '5759e988bd862e3fe1be46a994272793');
    assert.equal(span.parentSpanContext?.spanId, '53995c3f42cd8ad8');
    const a = span.attributes;
    assert.equal(a['faas.invocation_id'], 'r-1');
    assert.equal(a['faas.coldstart'], true);
    assert.equal(a['faas.trigger'], 'http');
    assert.equal(a['rx_lambda.source'], 'function-url');
    assert.equal(a['rx_lambda.response_mode'], 'streamed');
    assert.equal(a['rx_lambda.commit_reason'], 'time');
    assert.equal(a['rx_lambda.bytes'], posted.body.byteLength);
    assert.equal(a['rx_lambda.chunks'], 2);
    assert.equal(typeof a['rx_lambda.time_to_first_byte_ms'], 'number');
    assert.ok((a['rx_lambda.time_to_first_byte_ms'] as number) < 120, 'the first byte left before the handler completed');
    assert.ok(toMs(span.endTime) >= receivedAt - 2, 'the span ended after the Runtime API had the whole body');
    assert.ok(toMs(span.endTime) - toMs(span.startTime) >= 120, 'the span covers the whole stream');
  });

  it('marks later invocations warm and a failed one with its error type', async () => {
    await start((event) => ((event as { fail?: boolean }).fail ? throwError(() => new TypeError('bad')) : of({ ok: true })));
    api.enqueue({ requestId: 'r-1', event: {}, headers: { 'lambda-runtime-trace-id': '' } });
    api.enqueue({ requestId: 'r-2', event: { fail: true } });
    const [first, second] = await spans(2);
    assert.equal(first?.attributes['faas.coldstart'], true);
    assert.equal(second?.attributes['faas.coldstart'], false);
    assert.equal(second?.attributes['error.type'], 'TypeError');
    assert.equal(second?.status.code, 2 /* SpanStatusCode.ERROR */);
    assert.equal(first?.attributes['rx_lambda.response_mode'], 'buffered');
    assert.equal(first?.parentSpanContext, undefined, 'no X-Ray header: a root span');
    assert.equal(second?.parentSpanContext?.spanId, '53995c3f42cd8ad8');
  });

  it('writes one CloudWatch EMF line per invocation when metrics are on', async () => {
    await start(() => of('hello'), { metrics: true });
    api.enqueue({ requestId: 'r-1', event: {} });
    await spans(1);
    const emf = logs.map((l) => JSON.parse(l) as Record<string, unknown>).find((r) => '_aws' in r);
    assert.ok(emf, `an EMF line among ${logs.join('')}`);
    assert.equal(emf.requestId, 'r-1');
    assert.equal(emf.ResponseBytes, 5);
    assert.equal(emf.Errors, 0);
    assert.equal(emf.ColdStart, 1);
    const declared = (emf._aws as { CloudWatchMetrics: { Metrics: { Name: string }[] }[] }).CloudWatchMetrics[0]!.Metrics.map((m) => m.Name);
    for (const name of declared) assert.equal(typeof emf[name], 'number', `${name} has a value`);
  });

  it('writes no metrics and no span when both are off', async () => {
    await start(() => of('hello'), { metrics: false, tracing: false });
    api.enqueue({ requestId: 'r-1', event: {} });
    await api.waitFor((r) => r.url.endsWith('/r-1/response'), 'the response of r-1');
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(exporter.getFinishedSpans().length, 0);
    assert.equal(logs.filter((l) => l.includes('"_aws"')).length, 0);
  });
});
