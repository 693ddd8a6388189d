import { strict as assert } from 'node:assert';
import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { invokeCommand } from '../../src/cli/invokeCommand.js';
import { encodeInvokeComplete, encodePayloadChunk } from '../../src/wire/lambdaStreamFrames.js';
import { captureIo } from '../fixtures/client/captureIo.js';
import { startEventStream, startLambdaTestServer, type LambdaTestServer } from '../fixtures/client/lambdaTestServer.js';

describe('invokeCommand', () => {
  let server: LambdaTestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('streams the payload to stdout with --stream', async () => {
    server = await startLambdaTestServer((req, res) => {
      startEventStream(res);
      res.end(Buffer.concat([encodePayloadChunk(Buffer.from('hello ')), encodePayloadChunk(req.body), encodeInvokeComplete()]));
    });
    const { io, out } = captureIo();
    const code = await invokeCommand(['fn', '--stream', '--payload', '{"a":1}', '--endpoint', server.url], io);
    assert.equal(code, 0);
    assert.equal(out(), 'hello {"a":1}');
    assert.match(server.requests[0]!.url, /response-streaming-invocations$/);
  });

  it('uses the buffered Invoke without --stream, RX_LAMBDA_ENDPOINT, and --payload-file', async () => {
    server = await startLambdaTestServer((req, res) => {
      res.writeHead(200);
      res.end(req.body);
    });
    const dir = await mkdtemp(join(tmpdir(), 'rx-invoke-'));
    try {
      await writeFile(join(dir, 'event.json'), '{"from":"file"}');
      const { io, out } = captureIo({ RX_LAMBDA_ENDPOINT: server.url });
      const code = await invokeCommand(['fn', '--payload-file', join(dir, 'event.json')], io);
      assert.equal(code, 0);
      assert.equal(out(), '{"from":"file"}');
      assert.match(server.requests[0]!.url, /\/2015-03-31\/functions\/fn\/invocations$/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('prints a function error to stderr and exits 1', async () => {
    server = await startLambdaTestServer((_req, res) => {
      startEventStream(res);
      res.end(encodeInvokeComplete({ errorCode: 'Function.Error', errorDetails: 'it failed' }));
    });
    const { io, err } = captureIo();
    assert.equal(await invokeCommand(['fn', '--stream', '--endpoint', server.url], io), 1);
    assert.match(err(), /Function\.Error: it failed/);
  });

  it('exits 3 on a service error and 2 on bad arguments', async () => {
    server = await startLambdaTestServer((_req, res) => {
      res.writeHead(404, { 'x-amzn-errortype': 'ResourceNotFoundException' });
      res.end('{"Message":"Function not found"}');
    });
    const a = captureIo();
    assert.equal(await invokeCommand(['nope', '--endpoint', server.url], a.io), 3);
    assert.match(a.err(), /ResourceNotFoundException: Function not found/);
    const b = captureIo();
    assert.equal(await invokeCommand(['fn', '--payload', '{not json'], b.io), 2);
    assert.equal(await invokeCommand([], b.io), 2);
    assert.equal(server.requests.length, 1);
  });
});
