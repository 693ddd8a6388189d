import assert from 'node:assert/strict';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { defer, of } from 'rxjs';
import type { Handler, InvocationContext } from '../../src/handler.js';
import { invokeHandler } from '../../src/testing/invokeHandler.js';
import { sampleEvent } from '../../src/testing/sampleEvent.js';

/** Every line written to stdout while `run` runs (Powertools writes JSON log lines and EMF there). */
async function captureStdout(run: () => Promise<unknown>): Promise<string[]> {
  const lines: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array) => {
    lines.push(...String(chunk).split('\n').filter((l) => l.trim() !== ''));
    return true;
  }) as typeof process.stdout.write;
  try {
    await run();
  } finally {
    process.stdout.write = write;
  }
  return lines;
}

describe('InvocationContext with Powertools', () => {
  it('is a Context from @types/aws-lambda without a cast', () => {
    const asContext = (context: InvocationContext): Context => context;
    assert.equal(typeof asContext, 'function');
  });

  it('feeds Logger.addContext and Metrics from inside an Observable handler', async () => {
    let requestId = '';
    const lines = await captureStdout(async () => {
      const logger = new Logger({ serviceName: 'orders', logLevel: 'INFO' });
      const metrics = new Metrics({ namespace: 'rx-lambda-spec', serviceName: 'orders' });
      const handler: Handler = (event, context) =>
        defer(() => {
          requestId = context.awsRequestId;
          logger.addContext(context);
          metrics.addDimension('source', 'sqs');
          const count = (event as { Records: unknown[] }).Records.length;
          logger.info('received records', { count });
          metrics.addMetric('recordsReceived', MetricUnit.Count, count);
          metrics.publishStoredMetrics();
          return of({ batchItemFailures: [] });
        });
      const result = await invokeHandler(handler, sampleEvent('sqs'), { context: { functionName: 'orders-fn', memoryLimitInMB: '256' } });
      assert.deepEqual(result.json(), { batchItemFailures: [] });
    });
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const log = records.find((r) => r.message === 'received records');
    assert.ok(log, `a log line among ${lines.join(' | ')}`);
    assert.equal(log.function_request_id, requestId);
    assert.equal(log.function_name, 'orders-fn');
    assert.equal(log.function_memory_size, '256');
    assert.equal(log.service, 'orders');
    assert.equal(log.count, 2);
    const emf = records.find((r) => typeof r._aws === 'object');
    assert.ok(emf, 'an EMF metrics line');
    assert.equal(emf.recordsReceived, 2);
    assert.equal(emf.source, 'sqs');
  });
});
