import assert from 'node:assert/strict';
import { startEmulator, type Emulator } from '../../../src/emulator/index.js';
import { LOCAL_AUTHORIZATION as SIGNED, rawRequest } from '../../../reliability/scenarios/support/rawRequest.js';

const FIXTURES = 'spec/fixtures/emulator';
const INVOKE = '/2015-03-31/functions/context/invocations';
const STREAM = '/2021-11-15/functions/context/response-streaming-invocations';

describe('refuseForeignRequest (through startEmulator)', () => {
  let emulator: Emulator;
  let port: string;
  const logs: string[] = [];
  const ran = (): number => logs.filter((line) => line.includes('clientContext handler ran')).length;

  before(async () => {
    emulator = await startEmulator({
      log: (line) => logs.push(line),
      functions: [{ name: 'context', handler: `${FIXTURES}/clientContext.handler`, runtime: 'nodejs', concurrency: 1 }],
    });
    port = new URL(emulator.url).port;
  });

  after(async () => {
    await emulator?.close();
  });

  for (const host of ['evil.example', 'rebind.attacker.test:9001', 'localhost.evil.example']) {
    it(`answers Host: ${host} with 403 AccessDeniedException without running the function`, async () => {
      const before = ran();
      const res = await rawRequest(emulator.url, { path: INVOKE, headers: { host, authorization: SIGNED }, body: '{}' });
      assert.equal(res.status, 403);
      assert.equal(res.headers['x-amzn-errortype'], 'AccessDeniedException');
      const url = await rawRequest(emulator.url, { method: 'GET', path: '/lambda-url/context/', headers: { host } });
      assert.equal(url.status, 403, 'Function URLs are refused too');
      assert.equal(ran(), before);
    });
  }

  it('serves localhost, loopback and IP addresses in the Host header', async () => {
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, '127.0.0.1', `app.localhost:${port}`]) {
      const res = await rawRequest(emulator.url, { path: INVOKE, headers: { host, authorization: SIGNED }, body: '{}' });
      assert.equal(res.status, 200, `${host}: ${res.body}`);
    }
  });

  it('answers an Invoke without a SigV4 Authorization header (a cross-origin text/plain POST) with 403, without running the function', async () => {
    const before = ran();
    for (const path of [INVOKE, STREAM]) {
      const res = await rawRequest(emulator.url, {
        path,
        unsigned: true,
        headers: { 'content-type': 'text/plain', origin: 'http://evil.example' },
        body: '{"steal":true}',
      });
      assert.equal(res.status, 403);
      assert.equal(res.headers['x-amzn-errortype'], 'MissingAuthenticationTokenException');
    }
    const forged = await rawRequest(emulator.url, { path: INVOKE, headers: { authorization: 'Basic eDp5' }, body: '{}' });
    assert.equal(forged.status, 403, 'an Authorization that is not SigV4-shaped is refused');
    assert.equal(ran(), before);
  });

  it('serves a Function URL without an Authorization header (AuthType NONE)', async () => {
    const res = await rawRequest(emulator.url, { method: 'GET', path: '/lambda-url/context/', unsigned: true });
    assert.equal(res.status, 200, res.body);
  });

  it('warns when asked to listen beyond this machine', async () => {
    const lines: string[] = [];
    await assert.rejects(startEmulator({ host: 'host.invalid', log: (line) => lines.push(line), functions: [] }));
    assert.ok(lines.some((line) => /warning: listening on host\.invalid, beyond this machine/.test(line)), lines.join('\n'));
  });
});
