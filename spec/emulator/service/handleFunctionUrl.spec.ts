import assert from 'node:assert/strict';
import { request } from 'undici';
import { startEmulator, type Emulator } from '../../../src/emulator/index.js';
import { startSignalServer, type SignalServer } from '../support/signalServer.js';

const FIXTURES = 'spec/fixtures/emulator';

describe('handleFunctionUrl', () => {
  let signals: SignalServer;
  let emulator: Emulator;

  before(async () => {
    signals = await startSignalServer();
    emulator = await startEmulator({
      log: () => undefined,
      functions: [
        { name: 'proxy', handler: `${FIXTURES}/proxy.handler`, runtime: 'nodejs' },
        {
          name: 'stream',
          handler: `${FIXTURES}/httpStream.handler`,
          runtime: 'nodejs',
          invokeMode: 'RESPONSE_STREAM',
          environment: { SIGNAL_URL: signals.url },
        },
        {
          name: 'plainStream',
          handler: `${FIXTURES}/streaming.handler`,
          runtime: 'nodejs',
          invokeMode: 'RESPONSE_STREAM',
          environment: { SIGNAL_URL: signals.url },
        },
        { name: 'failing', handler: `${FIXTURES}/throwing.beforeWrite`, runtime: 'nodejs', invokeMode: 'RESPONSE_STREAM' },
      ],
    });
  });

  after(async () => {
    await emulator?.close();
    await signals?.close();
  });

  describe('BUFFERED', () => {
    it('delivers a payload 2.0 event with headers, cookies, query and a base64 binary body', async () => {
      const body = Buffer.from([0, 1, 2, 200, 255]);
      const res = await request(`${emulator.url}/lambda-url/proxy/items/a%20b?x=1&x=2&y=3`, {
        method: 'PUT',
        headers: { 'content-type': 'application/octet-stream', cookie: 'c1=v1; c2=v2', 'x-custom': 'hi' },
        body,
      });
      assert.equal(res.statusCode, 200);
      const event = (await res.body.json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
      assert.equal(event.version, '2.0');
      assert.equal(event.rawPath, '/items/a%20b');
      assert.equal(event.rawQueryString, 'x=1&x=2&y=3');
      assert.deepEqual(event.queryStringParameters, { x: '1,2', y: '3' });
      assert.deepEqual(event.cookies, ['c1=v1', 'c2=v2']);
      assert.equal(event.headers.cookie, undefined);
      assert.equal(event.headers['x-custom'], 'hi');
      assert.equal(event.isBase64Encoded, true);
      assert.deepEqual([...Buffer.from(event.body, 'base64')], [...body]);
      assert.equal(event.requestContext.http.method, 'PUT');
      assert.equal(event.requestContext.http.path, '/items/a b');
      assert.match(event.requestContext.domainName, /^[a-z0-9]{32}\.lambda-url\.us-east-1\.on\.aws$/);
      assert.equal(event.requestContext.requestId, res.headers['x-amzn-requestid']);
    });

    it('keeps a UTF-8 JSON body as text', async () => {
      const res = await request(`${emulator.url}/lambda-url/proxy/`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"ü":1}',
      });
      const event = (await res.body.json()) as { body: string; isBase64Encoded: boolean };
      assert.equal(event.isBase64Encoded, false);
      assert.equal(event.body, '{"ü":1}');
    });

    it('answers with the status, headers, cookies and decoded binary body of the proxy result', async () => {
      const res = await request(`${emulator.url}/lambda-url/proxy/binary`);
      assert.equal(res.statusCode, 202);
      assert.equal(res.headers['content-type'], 'application/octet-stream');
      assert.equal(res.headers['x-echo-path'], '/binary');
      assert.deepEqual(res.headers['set-cookie'], ['session=abc; HttpOnly', 'theme=dark']);
      assert.deepEqual([...Buffer.from(await res.body.arrayBuffer())], [0, 159, 146, 150, 255]);
    });

    it('answers a result without statusCode as a 200 JSON body', async () => {
      const res = await request(`${emulator.url}/lambda-url/proxy/plain-json`);
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'application/json');
      assert.deepEqual(await res.body.json(), { hello: 'world' });
    });

    it('answers an unknown function with 404', async () => {
      const res = await request(`${emulator.url}/lambda-url/nope/`);
      assert.equal(res.statusCode, 404);
      assert.equal(res.headers['x-amzn-errortype'], 'ResourceNotFoundException');
      await res.body.dump();
    });
  });

  describe('RESPONSE_STREAM', () => {
    it('writes the prelude status, headers and cookies, then streams the binary body as it is written', async () => {
      const res = await request(`${emulator.url}/lambda-url/stream/download?key=url1`, { method: 'POST', body: 'x' });
      assert.equal(res.statusCode, 201);
      assert.equal(res.headers['content-type'], 'application/octet-stream');
      assert.equal(res.headers['x-method'], 'POST');
      assert.deepEqual(res.headers['set-cookie'], ['a=1; Path=/', 'b=2']);
      const received: number[] = [];
      for await (const chunk of res.body) {
        received.push(...(chunk as Buffer));
        // The function holds the rest of its body until the first bytes reached this client.
        if (received.length === 4) signals.release('url1');
      }
      assert.deepEqual(received, [0, 1, 2, 255, 254, 0, 10]);
    });

    it('streams a response without a prelude verbatim with its content type', async () => {
      const res = await request(`${emulator.url}/lambda-url/plainStream/`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'text/plain');
      let body = '';
      for await (const chunk of res.body) {
        body += String(chunk);
        if (body === 'first \n') signals.release('first');
      }
      assert.equal(body, 'first \nsecond\n');
    });

    it('answers 502 when the function fails before writing', async () => {
      const res = await request(`${emulator.url}/lambda-url/failing/`);
      assert.equal(res.statusCode, 502);
      assert.equal(res.headers['x-amzn-errortype'], 'RangeError');
      await res.body.dump();
    });
  });
});
