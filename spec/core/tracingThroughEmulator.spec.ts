import assert from 'node:assert/strict';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { withDeadline } from '../../test-support/withDeadline.js';

// Needs `npm run build`: the fixture imports `rx-lambda` from dist.
describe('tracing through the emulator', function () {
  this.timeout(20_000);
  let emulator: Emulator;
  const lines: string[] = [];

  before(async () => {
    emulator = await startEmulator({
      log: (line) => lines.push(line),
      functions: [{ name: 'traced', handler: 'spec/fixtures/core/traced.handler', invokeMode: 'RESPONSE_STREAM', timeoutSeconds: 10 }],
    });
  });
  after(async () => emulator?.close());

  it('records a span per invocation, under the invocation\'s X-Ray trace, covering the whole stream', async () => {
    const response = await fetch(`${emulator.url}/lambda-url/traced/`);
    assert.equal(await response.text(), 'first last');
    const spanLine = await withDeadline(
      (async () => {
        for (;;) {
          const found = lines.find((l) => l.includes('"span"'));
          if (found) return found;
          await new Promise((r) => setTimeout(r, 10));
        }
      })(),
      'the function to print its span',
    );
    const span = JSON.parse(spanLine.slice(spanLine.indexOf('{'))) as {
      traceId: string;
      parent?: string;
      attributes: Record<string, unknown>;
    };
    assert.match(span.traceId, /^[0-9a-f]{32}$/);
    assert.match(span.parent ?? '', /^[0-9a-f]{16}$/);
    assert.equal(span.attributes['rx_lambda.source'], 'function-url');
    assert.equal(span.attributes['rx_lambda.response_mode'], 'streamed');
    assert.equal(span.attributes['rx_lambda.commit_reason'], 'time');
    assert.equal(span.attributes['faas.coldstart'], true);
    assert.ok((span.attributes['rx_lambda.duration_ms'] as number) >= 150, 'the span lasts until the last byte');
  });
});
