import assert from 'node:assert/strict';
import { RuntimeApiError } from '../../src/errors.js';
import { RuntimeApiClient, type ApiResponse } from '../../src/runtime/RuntimeApiClient.js';
import { answer, chunkedAnswer, ScriptedServer } from '../../test-support/ScriptedServer.js';

const NEXT = '/2018-06-01/runtime/invocation/next';
/** Longest any single exchange in this spec may take, ms. */
const EXCHANGE_WITHIN_MS = 5_000;

/** Resolves or rejects as `promise` does, or rejects saying what it waited for after the deadline. */
function within<T>(promise: Promise<T>, what: string, ms = EXCHANGE_WITHIN_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no ${what} within ${ms} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** Waits until `check()` holds, or fails saying what it waited for. */
async function until(check: () => boolean, what: string, ms = EXCHANGE_WITHIN_MS): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`${what}: not seen within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function text(response: ApiResponse): string {
  return response.body.toString('utf8');
}

describe('RuntimeApiClient', () => {
  let server: ScriptedServer;
  let client: RuntimeApiClient;

  beforeEach(async () => {
    server = await ScriptedServer.start();
    client = new RuntimeApiClient(server.address);
  });

  afterEach(async () => {
    client.close();
    await server.close();
  });

  describe('answers it reads', () => {
    it('reads a Content-Length answer split into one-byte reads, and keeps the connection for the next request', async () => {
      server.onRequest = (request, connection) => void connection.writeSplit(answer(200, `for ${request.path}`, { 'X-Seq': 'a' }), 1);
      const first = await within(client.request('GET', NEXT), 'first answer');
      assert.equal(first.statusCode, 200);
      assert.equal(first.headers['x-seq'], 'a');
      assert.equal(text(first), `for ${NEXT}`);
      const second = await within(client.request('POST', '/r/1/response', {}, Buffer.from('ok')), 'second answer');
      assert.equal(text(second), 'for /r/1/response');
      assert.equal(server.connections.length, 1, 'a kept-alive answer leaves the connection for reuse');
    });

    it('reads a chunked answer with trailers coalesced with a 100 Continue before it in one read', async () => {
      server.onRequest = (_, connection) => {
        connection.socket.write(`HTTP/1.1 100 Continue\r\n\r\n${chunkedAnswer(200, ['{"a"', ':1}'], { 'X-Trailer': 'x' })}`);
      };
      const response = await within(client.request('GET', NEXT), 'chunked answer');
      assert.equal(response.statusCode, 200);
      assert.equal(text(response), '{"a":1}');
    });

    it('reads an answer with no length up to the server closing the connection', async () => {
      server.onRequest = (_, connection) => connection.socket.end('HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nuntil the end');
      const response = await within(client.request('GET', NEXT), 'close-delimited answer');
      assert.equal(text(response), 'until the end');
    });

    it('matches each answer to its own request when 20 invocations are answered with Connection: close and the server closes at once', async () => {
      server.onRequest = (request, connection) => {
        connection.socket.end(answer(request.method === 'GET' ? 200 : 202, `${request.method} ${request.path} ${request.body.toString()}`, { Connection: 'close' }));
      };
      for (let i = 0; i < 20; i++) {
        const next = await within(client.request('GET', NEXT), `/next ${i}`);
        assert.equal(text(next), `GET ${NEXT} `);
        const posted = await within(client.request('POST', `/r/${i}/response`, {}, Buffer.from(`result ${i}`)), `/response ${i}`);
        assert.equal(posted.statusCode, 202);
        assert.equal(text(posted), `POST /r/${i}/response result ${i}`);
      }
      assert.equal(server.connections.length, 40, 'every request after Connection: close goes on a fresh connection');
    });

    it('never swaps the answers of two requests in flight at once', async () => {
      const held: (() => void)[] = [];
      server.onRequest = (request, connection) => held.push(() => connection.socket.write(answer(200, request.path)));
      const a = client.request('GET', '/a');
      const b = client.request('GET', '/b');
      await until(() => held.length === 2, 'both requests at the server');
      held[1]!();
      held[0]!();
      assert.equal(text(await within(a, 'answer to /a')), '/a');
      assert.equal(text(await within(b, 'answer to /b')), '/b');
    });
  });

  describe('resets', () => {
    it('sends /next again on a fresh connection when its connection is reset before any answer', async () => {
      server.onRequest = (_, connection) => {
        if (connection.index === 0) connection.socket.resetAndDestroy();
        else connection.socket.write(answer(200, 'event'));
      };
      const response = await within(client.request('GET', NEXT), '/next answer after a reset');
      assert.equal(text(response), 'event');
      assert.equal(server.connections.length, 2);
    });

    it('sends /next again when the kept-alive connection was closed by the server right after its last answer', async () => {
      server.onRequest = (request, connection) => {
        // Keep-alive answer, then the connection is dropped without saying so.
        connection.socket.write(answer(200, request.path), () => connection.socket.destroy());
      };
      await within(client.request('POST', '/r/1/response', {}, Buffer.from('x')), 'first answer');
      await until(() => server.connections[0]!.socket.destroyed, 'the server dropping the connection');
      const next = await within(client.request('GET', NEXT), '/next after the dropped connection');
      assert.equal(text(next), NEXT);
    });

    it('reports a POST whose connection is reset before the answer, and does not send it again', async () => {
      let posts = 0;
      server.onRequest = (request, connection) => {
        if (request.method === 'POST') {
          posts++;
          connection.socket.resetAndDestroy();
        } else connection.socket.write(answer(200, 'event'));
      };
      await assert.rejects(within(client.request('POST', '/r/1/response', {}, Buffer.from('x')), 'POST failure'), RuntimeApiError);
      const next = await within(client.request('GET', NEXT), '/next after the failed POST');
      assert.equal(text(next), 'event');
      assert.equal(posts, 1, 'a POST is never sent twice');
    });

    it('reports a /next whose answer was cut in the middle, without sending it again', async () => {
      let gets = 0;
      server.onRequest = (_, connection) => {
        gets++;
        connection.socket.write('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc', () => connection.socket.destroy());
      };
      await assert.rejects(within(client.request('GET', NEXT), '/next failure'), RuntimeApiError);
      assert.equal(gets, 1, 'an answer that had started is not asked for again');
    });

    it('fails only the stream whose connection is reset mid-body; the next /next is answered on a fresh connection', async () => {
      server.onHead = (request, connection) => {
        if (request.method === 'POST') setTimeout(() => connection.socket.resetAndDestroy(), 20);
      };
      server.onRequest = (request, connection) => {
        if (request.method === 'GET') connection.socket.write(answer(200, 'next event'));
      };
      const stream = client.stream('/r/1/response', { 'Lambda-Runtime-Function-Response-Mode': 'streaming' });
      stream.write([Buffer.from('first bytes')]);
      await assert.rejects(within(stream.response, 'stream failure'), RuntimeApiError);
      stream.write([Buffer.from('after the reset')]);
      await within(stream.end(), 'end after the reset').catch(() => undefined);
      const next = await within(client.request('GET', NEXT), '/next after the reset stream');
      assert.equal(text(next), 'next event');
    });

    it('close() fails the request in flight and does not send a /next again', async () => {
      let gets = 0;
      server.onRequest = () => {
        gets++;
      };
      const pending = client.request('GET', NEXT);
      await until(() => gets === 1, '/next at the server');
      client.close();
      await assert.rejects(within(pending, '/next failure after close()'), RuntimeApiError);
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.equal(gets, 1);
    });
  });

  describe('streamed bodies', () => {
    it('sends the chunks in order and the error trailers on end()', async () => {
      const received = new Promise<{ body: string; trailers: Record<string, string> }>((resolve) => {
        server.onRequest = (request, connection) => {
          resolve({ body: request.body.toString(), trailers: request.trailers });
          connection.socket.write(answer(202, ''));
        };
      });
      const stream = client.stream('/r/1/response', { Trailer: 'Lambda-Runtime-Function-Error-Type' });
      stream.write([Buffer.from('a'), Buffer.from('b')]);
      await new Promise((resolve) => setImmediate(resolve));
      stream.write([Buffer.from('c')]);
      const response = await within(stream.end({ 'Lambda-Runtime-Function-Error-Type': 'Function.Boom' }), 'stream answer');
      assert.equal(response.statusCode, 202);
      const { body, trailers } = await within(received, 'the whole body at the server');
      assert.equal(body, 'abc');
      assert.equal(trailers['lambda-runtime-function-error-type'], 'Function.Boom');
    });

    it('stops the body at an early 413 and writes the next /next on a fresh connection, never into the unfinished body', async () => {
      server.onHead = (request, connection) => {
        // Answers before the body ends and keeps the connection open, as a careless server would.
        if (request.method === 'POST') connection.socket.write(answer(413, 'too large'));
      };
      server.onRequest = (request, connection) => {
        if (request.method === 'GET') connection.socket.write(answer(200, 'next event'));
      };
      const stream = client.stream('/r/1/response', {});
      stream.write([Buffer.alloc(10, 1)]);
      const early = await within(stream.response, 'early 413');
      assert.equal(early.statusCode, 413);
      stream.write([Buffer.alloc(10, 2)]);
      assert.equal(stream.ready(), undefined, 'a stopped body never waits for drain');
      assert.equal((await within(stream.end(), 'end() after the early answer')).statusCode, 413);
      const next = await within(client.request('GET', NEXT), '/next after the early answer');
      assert.equal(text(next), 'next event');
      await until(() => server.connections.length === 2, 'the /next connection');
      assert.ok(!server.connections[0]!.raw().includes('GET '), 'no request is written into the unfinished body');
      assert.ok(server.connections[1]!.raw().toString('latin1').startsWith(`GET ${NEXT} HTTP/1.1\r\n`));
    });
  });

  describe('malformed answers', () => {
    const cases: [string, string][] = [
      ['a bad status line', 'HTTP/1.1 abc\r\n\r\n'],
      ['a bad chunk size', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n'],
      ['a chunk not ending in CRLF', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcXY'],
      ['a bad Content-Length', 'HTTP/1.1 200 OK\r\nContent-Length: 1x\r\n\r\n'],
      ['a body over the bound', 'HTTP/1.1 200 OK\r\nContent-Length: 999999999999\r\n\r\n'],
    ];
    for (const [what, bytes] of cases) {
      it(`rejects ${what} with RuntimeApiError and answers the next request on a fresh connection`, async () => {
        server.onRequest = (_, connection) => connection.socket.write(connection.index === 0 ? bytes : answer(200, 'fine'));
        await assert.rejects(within(client.request('POST', '/r/1/error', {}, Buffer.from('{}')), 'rejection'), RuntimeApiError);
        assert.equal(text(await within(client.request('GET', NEXT), 'next answer')), 'fine');
      });
    }

    it('closes an idle connection that receives bytes no request asked for', async () => {
      server.onRequest = (_, connection) => {
        connection.socket.write(answer(200, 'one'));
        if (connection.index === 0) setTimeout(() => connection.socket.write(answer(200, 'stray')), 10);
      };
      assert.equal(text(await within(client.request('GET', NEXT), 'first answer')), 'one');
      await until(() => server.connections[0]!.socket.destroyed || server.connections[0]!.socket.readableEnded, 'the idle connection closed');
      assert.equal(text(await within(client.request('GET', NEXT), 'second answer')), 'one');
      assert.equal(server.connections.length, 2);
    });
  });
});
