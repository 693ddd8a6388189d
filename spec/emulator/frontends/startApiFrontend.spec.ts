import assert from 'node:assert/strict';
import { request } from 'undici';
import { startEmulator, type Emulator, type FunctionConfig } from '../../../src/emulator/index.js';
import { startSignalServer, type SignalServer } from '../support/signalServer.js';

const FIXTURES = 'spec/fixtures/emulator';

/** A streaming REST route, an ALB route, and HTTP and REST routes to a function that answers with a prelude. */
function routedFunctions(signalUrl: string): FunctionConfig[] {
  return [
    {
      name: 'restStream',
      handler: `${FIXTURES}/frontends.restStream`,
      environment: { SIGNAL_URL: signalUrl, RX_LAMBDA_REST_STREAMING: '1' },
      routes: [{ api: 'rest', path: '/stream/{proxy+}', method: 'GET', responseTransferMode: 'STREAM' }],
    },
    { name: 'alb', handler: `${FIXTURES}/frontends.alb`, responseMode: 'buffered', routes: [{ api: 'alb', path: '/lb/{proxy+}' }] },
    {
      name: 'prelude',
      handler: `${FIXTURES}/httpStream.handler`,
      runtime: 'nodejs',
      routes: [
        { api: 'http', path: '/http-prelude', method: 'GET' },
        { api: 'rest', path: '/rest-prelude', method: 'GET' },
      ],
    },
  ];
}

describe('startApiFrontend', () => {
  let signals: SignalServer;
  let emulator: Emulator;

  before(async () => {
    signals = await startSignalServer();
    emulator = await startEmulator({ log: () => undefined, apiPort: 0, functions: routedFunctions(signals.url) });
  });

  after(async () => {
    await emulator.close();
    await signals.close();
  });

  it('streams a REST route whose integration says STREAM: the head and first bytes arrive before the function ends', async function () {
    this.timeout(15_000);
    const res = await request(`${emulator.apiUrl}/stream/a/b?key=rest-1`);
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['x-resource'], '/stream/{proxy+}');
    const reader = res.body[Symbol.asyncIterator]();
    let seen = '';
    while (!seen.includes('first\n')) {
      const { value, done } = await reader.next();
      assert.equal(done, false, 'the stream ended before its first line');
      seen += Buffer.from(value as Uint8Array).toString();
    }
    assert.equal(seen, 'first\n', 'more than the first line arrived before the signal');
    signals.release('rest-1');
    for (let next = await reader.next(); !next.done; next = await reader.next()) seen += Buffer.from(next.value as Uint8Array).toString();
    assert.equal(seen, 'first\nsecond\n');
  });

  it('gives an ALB route the load balancer event and answers with the target status and headers', async () => {
    const res = await request(`${emulator.apiUrl}/lb/x?q=1`, { method: 'PUT', body: 'hello', headers: { 'content-type': 'text/plain' } });
    assert.equal(res.statusCode, 418);
    assert.equal(res.headers['x-target'], 'alb');
    assert.deepEqual(await res.body.json(), { elb: true, method: 'PUT', path: '/lb/x', query: { q: '1' }, body: 'hello' });
  });

  it('shows the HTTP API error AWS shows for a streamed (prelude) answer it cannot read', async () => {
    const res = await request(`${emulator.apiUrl}/http-prelude`);
    assert.equal(res.statusCode, 500);
    assert.deepEqual(await res.body.json(), { message: 'Internal Server Error' });
  });

  it('shows the REST API error AWS shows for a streamed (prelude) answer to a buffered integration', async () => {
    const res = await request(`${emulator.apiUrl}/rest-prelude`);
    assert.equal(res.statusCode, 502);
    assert.deepEqual(await res.body.json(), { message: 'Internal server error' });
  });

  it('answers a path no route serves with 404 {"message":"Not Found"}', async () => {
    const res = await request(`${emulator.apiUrl}/nowhere`);
    assert.equal(res.statusCode, 404);
    assert.deepEqual(await res.body.json(), { message: 'Not Found' });
  });
});
