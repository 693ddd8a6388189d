import assert from 'node:assert/strict';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { sampleEvent } from '../../src/testing/sampleEvent.js';
import { LOCAL_AUTHORIZATION } from '../../reliability/scenarios/support/rawRequest.js';

// Needs `npm run build`: the fixture imports `rx-lambda` from dist.
const FIXTURE = 'spec/fixtures/core/vocabulary';

describe('caller-fit responses through the API Gateway and ALB front ends (default response mode)', function () {
  this.timeout(20_000);
  let emulator: Emulator;

  before(async () => {
    emulator = await startEmulator({
      log: () => undefined,
      apiPort: 0,
      functions: [
        {
          name: 'plain',
          handler: `${FIXTURE}.plain`,
          routes: [
            { api: 'http', path: '/http/plain', method: 'GET' },
            { api: 'rest', path: '/rest/plain', method: 'GET' },
            { api: 'alb', path: '/alb/plain', method: 'GET' },
          ],
        },
        {
          name: 'cookies',
          handler: `${FIXTURE}.cookies`,
          routes: [
            { api: 'http', path: '/http/cookies', method: 'GET' },
            { api: 'rest', path: '/rest/cookies', method: 'GET' },
          ],
        },
      ],
    });
  });
  after(async () => emulator?.close());

  for (const api of ['http', 'rest', 'alb']) {
    it(`answers a body emitted without head() with 200 and the body behind the ${api} front end`, async () => {
      const response = await fetch(`${emulator.apiUrl}/${api}/plain`);
      assert.equal(response.status, 200);
      assert.equal(await response.text(), 'Streaming text');
    });
  }

  for (const api of ['http', 'rest']) {
    it(`answers status, both cookies and no hop-by-hop header from the handler behind the ${api} front end`, async () => {
      const response = await fetch(`${emulator.apiUrl}/${api}/cookies`);
      assert.equal(response.status, 201);
      assert.deepEqual(response.headers.getSetCookie(), ['a=1', 'b=2']);
      assert.equal(await response.text(), 'ok');
    });
  }

  it('leaves hop-by-hop headers out of the proxy result the service reads', async () => {
    const response = await fetch(`${emulator.url}/2015-03-31/functions/cookies/invocations`, {
      method: 'POST',
      headers: { authorization: LOCAL_AUTHORIZATION },
      body: JSON.stringify(sampleEvent('apigw-http')),
    });
    const proxy = (await response.json()) as { headers: Record<string, string> };
    assert.deepEqual(proxy.headers, { 'content-type': 'text/plain' });
  });
});
