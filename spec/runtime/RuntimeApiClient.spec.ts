import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { of } from 'rxjs';
import { RuntimeApiError } from '../../src/errors.js';
import type { Handler } from '../../src/handler.js';
import { head } from '../../src/head.js';
import { startRuntime } from '../../src/runtime/index.js';
import { RuntimeApiClient, type ApiResponse } from '../../src/runtime/RuntimeApiClient.js';
import { answer, chunkedAnswer, ScriptedServer } from '../../test-support/ScriptedServer.js';

const INVOCATION = '/2018-06-01/runtime/invocation/';
/** A request that only warms a connection up. */
const WARM = '/warm';
const NEXT = `${INVOCATION}next`;
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

// The conformance suite runs as the runtime uses the client (pipelining) and without it.
for (const pipelining of [false, true]) {
  describe(`RuntimeApiClient (pipelining ${pipelining ? 'on' : 'off'})`, () => conformance(pipelining));
}

function conformance(pipelining: boolean): void {
  let server: ScriptedServer;
  let client: RuntimeApiClient;

  beforeEach(async () => {
    server = await ScriptedServer.start();
    client = new RuntimeApiClient(server.address, { pipelining });
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
}

/** A /response POST, and a /next asked for the moment the POST is given to the socket (as the runtime loop does). */
function postThenNext(client: RuntimeApiClient, i: number): { posted: Promise<ApiResponse>; next: Promise<ApiResponse> } {
  let asked: (next: Promise<ApiResponse>) => void = () => {};
  const next = new Promise<Promise<ApiResponse>>((resolve) => (asked = resolve)).then((p) => p);
  const posted = client.request('POST', `/r/${i}/response`, {}, Buffer.from(`result ${i}`), undefined, () => asked(client.request('GET', NEXT)));
  return { posted, next };
}

describe('RuntimeApiClient pipelining', () => {
  let server: ScriptedServer;

  /** A first exchange the server keeps the connection open after (pipelining needs one). */
  async function warm(client: RuntimeApiClient): Promise<void> {
    assert.equal(text(await within(client.request('GET', WARM), 'warm-up answer')), 'warm');
  }

  /** Answers the warm-up request; true when `request` was it. */
  function warmUp(request: { path: string }, connection: { socket: { write(text: string): boolean } }): boolean {
    if (request.path !== WARM) return false;
    connection.socket.write(answer(200, 'warm'));
    return true;
  }

  beforeEach(async () => {
    server = await ScriptedServer.start();
  });

  afterEach(() => server.close());

  it('writes /next behind a written /response on its connection and matches both answers when they arrive in one read', async () => {
    const client = new RuntimeApiClient(server.address, { pipelining: true });
    const held: string[] = [];
    server.onRequest = (request, connection) => {
      if (warmUp(request, connection)) return;
      // Holds the /response answer until the /next has arrived, then writes both at once.
      held.push(request.method === 'GET' ? answer(200, `event after ${request.path}`) : answer(202, `took ${request.body.toString()}`));
      if (held.length === 2) connection.socket.write(held.splice(0).join(''));
    };
    await warm(client);
    try {
      const { posted, next } = postThenNext(client, 1);
      assert.equal(text(await within(posted, '/response answer')), 'took result 1');
      assert.equal(text(await within(next, 'pipelined /next answer')), `event after ${NEXT}`);
      assert.equal(server.connections.length, 1, 'both requests went on one connection');
      assert.match(server.connections[0]!.raw().toString('latin1'), /^GET \/warm [^]*POST \/r\/1\/response HTTP\/1\.1\r\n[^]*result 1GET \/2018-06-01\/runtime\/invocation\/next HTTP\/1\.1\r\n/);
      // The connection is kept and used for the next exchange.
      const again = postThenNext(client, 2);
      await within(again.posted, 'second /response answer');
      await within(again.next, 'second /next answer');
      assert.equal(server.connections.length, 1);
    } finally {
      client.close();
    }
  });

  it('without pipelining, a /next asked for while a /response waits goes on its own connection; nothing follows the POST on its connection', async () => {
    const client = new RuntimeApiClient(server.address);
    const release: (() => void)[] = [];
    server.onRequest = (request, connection) => {
      if (warmUp(request, connection)) return;
      if (request.method === 'POST') release.push(() => connection.socket.write(answer(202, 'ok')));
      else connection.socket.write(answer(200, 'event'));
    };
    try {
      const { posted, next } = postThenNext(client, 1);
      assert.equal(text(await within(next, '/next answer while the POST waits')), 'event');
      release[0]!();
      await within(posted, '/response answer');
      assert.equal(server.connections.length, 2);
      assert.doesNotMatch(server.connections[0]!.raw().toString('latin1'), /GET /);
    } finally {
      client.close();
    }
  });

  it('sends the pipelined /next again on a fresh connection when the /response is answered with Connection: close', async () => {
    const client = new RuntimeApiClient(server.address, { pipelining: true });
    server.onRequest = (request, connection) => {
      if (warmUp(request, connection)) return;
      if (request.method === 'POST') connection.socket.end(answer(202, 'ok', { Connection: 'close' }));
      // A GET read after the close is never answered on the closed connection.
      else if (!connection.socket.writableEnded) connection.socket.write(answer(200, `event on connection ${connection.index}`));
    };
    await warm(client);
    try {
      const { posted, next } = postThenNext(client, 1);
      assert.equal((await within(posted, '/response answer')).statusCode, 202);
      assert.equal(text(await within(next, '/next answer on a fresh connection')), 'event on connection 1');
    } finally {
      client.close();
    }
  });

  it('sends the pipelined /next again when the connection is reset after the /response answer and before any byte of its own', async () => {
    const client = new RuntimeApiClient(server.address, { pipelining: true });
    server.onRequest = (request, connection) => {
      if (warmUp(request, connection)) return;
      if (connection.index === 0) {
        if (request.method === 'POST') connection.socket.write(answer(202, 'ok'));
        else connection.socket.resetAndDestroy();
      } else connection.socket.write(answer(200, 'event'));
    };
    await warm(client);
    try {
      const { posted, next } = postThenNext(client, 1);
      assert.equal((await within(posted, '/response answer')).statusCode, 202);
      assert.equal(text(await within(next, '/next answer after the reset')), 'event');
      assert.equal(server.connections.length, 2);
    } finally {
      client.close();
    }
  });

  it('never pipelines on a connection that has not been kept open after an answer, nor after the server answers Connection: close', async () => {
    const client = new RuntimeApiClient(server.address, { pipelining: true });
    let closing = false;
    server.onRequest = (request, connection) => {
      if (warmUp(request, connection)) return;
      const text = request.method === 'GET' ? answer(200, 'event') : answer(202, 'ok', closing ? { Connection: 'close' } : {});
      if (closing) connection.socket.end(text);
      else connection.socket.write(text);
    };
    try {
      // A POST on a fresh connection: the /next asked for meanwhile opens its own connection.
      const fresh = postThenNext(client, 1);
      await within(fresh.posted, 'first /response answer');
      await within(fresh.next, 'first /next answer');
      assert.doesNotMatch(server.connections[0]!.raw().toString('latin1'), /POST [^]*GET /);
      // A server that answers Connection: close once gets no pipelining again, even on kept-alive connections.
      await warm(client);
      closing = true;
      await within(client.request('POST', '/r/2/response', {}, Buffer.from('result 2')), 'closing /response answer');
      closing = false;
      await warm(client);
      const after = postThenNext(client, 3);
      await within(after.posted, 'later /response answer');
      await within(after.next, 'later /next answer');
      for (const connection of server.connections) assert.doesNotMatch(connection.raw().toString('latin1'), /POST [^]*GET \/2018/, `connection ${connection.index}`);
    } finally {
      client.close();
    }
  });

  it('reports a pipelined /next whose answer was cut in the middle, without sending it again; the /response answer stands', async () => {
    const client = new RuntimeApiClient(server.address, { pipelining: true });
    let gets = 0;
    server.onRequest = (request, connection) => {
      if (warmUp(request, connection)) return;
      if (request.method === 'POST') return;
      gets++;
      connection.socket.write(`${answer(202, 'ok')}HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc`, () => connection.socket.destroy());
    };
    await warm(client);
    try {
      const { posted, next } = postThenNext(client, 1);
      assert.equal(text(await within(posted, '/response answer')), 'ok');
      await assert.rejects(within(next, '/next failure'), RuntimeApiError);
      assert.equal(gets, 1);
    } finally {
      client.close();
    }
  });

  it('never writes /next behind a streamed body that was answered early', async () => {
    const client = new RuntimeApiClient(server.address, { pipelining: true });
    server.onHead = (request, connection) => {
      if (request.method === 'POST') connection.socket.write(answer(413, 'too large'));
    };
    server.onRequest = (request, connection) => {
      if (warmUp(request, connection)) return;
      if (request.method === 'GET') connection.socket.write(answer(200, 'next event'));
    };
    await warm(client);
    try {
      const stream = client.stream('/r/1/response', {});
      stream.write([Buffer.alloc(10, 1)]);
      assert.equal((await within(stream.response, 'early 413')).statusCode, 413);
      let queued = false;
      await within(stream.end(undefined, () => (queued = true)), 'end() after the early answer');
      assert.equal(queued, false, 'a stopped body reports no queued end');
      assert.equal(text(await within(client.request('GET', NEXT), '/next')), 'next event');
      assert.doesNotMatch(server.connections[0]!.raw().toString('latin1'), /POST [^]*GET /);
    } finally {
      client.close();
    }
  });
});

/** One request as the Go Runtime API handled it (a JSON line it prints). */
interface GoRecord {
  method: string;
  path: string;
  /** The client's address: one per TCP connection. */
  connection: string;
  body: string;
  mode?: string;
  errorType?: string;
}

/** The Go Runtime API of `spec/fixtures/runtime/goRuntimeApi`, running, with what it has handled so far. */
interface GoRuntimeApi {
  readonly address: string;
  readonly records: GoRecord[];
  stop(): Promise<void>;
}

const GO_SOURCE = fileURLToPath(new URL('../fixtures/runtime/goRuntimeApi/', import.meta.url));
/** Building net/http from a cold Go cache takes a while on a slow machine, ms. */
const GO_BUILD_WITHIN_MS = 240_000;

async function startGoRuntimeApi(binary: string, invocations: number): Promise<GoRuntimeApi> {
  const child: ChildProcess = spawn(binary, ['-invocations', String(invocations)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const records: GoRecord[] = [];
  const address = await within(
    new Promise<string>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`the Go Runtime API exited (${code}) before printing its address`)));
      lines.once('line', resolve);
    }),
    'address line from the Go Runtime API',
  );
  lines.on('line', (line) => records.push(JSON.parse(line) as GoRecord));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { address, records, stop: async () => { child.kill(); await within(exited, 'the Go Runtime API exiting'); } };
}

describe("RuntimeApiClient against Go's net/http (the library of Lambda's own Runtime API)", function () {
  this.timeout(GO_BUILD_WITHIN_MS + 60_000);
  let work: string | undefined;
  let binary = '';
  let api: GoRuntimeApi | undefined;

  before(async function () {
    const go = await promisify(execFile)('go', ['version']).catch(() => undefined);
    if (go === undefined) {
      // CI installs golang-go (.ci/run); elsewhere the suite says why it did not run.
      if (process.env.CI) throw new Error('go is not installed (apt-get install -y golang-go); CI must run this suite');
      this.skip();
    }
    work = await mkdtemp(join(tmpdir(), 'rx-lambda-go-api-'));
    binary = join(work, 'runtime-api');
    const env = { ...process.env, GOFLAGS: '-mod=mod', GOPROXY: 'off', GOCACHE: process.env.GOCACHE ?? join(tmpdir(), 'rx-lambda-go-cache'), HOME: process.env.HOME ?? tmpdir() };
    await within(promisify(execFile)('go', ['build', '-o', binary, '.'], { cwd: GO_SOURCE, env }), 'go build of the Runtime API', GO_BUILD_WITHIN_MS);
  });

  afterEach(async () => {
    await api?.stop();
    api = undefined;
  });

  after(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('pipelines each /next behind a buffered, a streamed (with trailers) and an error POST on one connection, every answer matched', async () => {
    const rounds = 30;
    api = await startGoRuntimeApi(binary, rounds + 1);
    const client = new RuntimeApiClient(api.address, { pipelining: true });
    try {
      let next = await within(client.request('GET', NEXT), 'first /next');
      for (let i = 1; i <= rounds; i++) {
        const id = next.headers['lambda-runtime-aws-request-id']!;
        assert.equal(id, `req-${i}`);
        assert.equal(text(next), `{"n":${i}}`);
        let following: Promise<ApiResponse> | undefined;
        const ask = (): void => void (following = client.request('GET', NEXT));
        let answered: Promise<ApiResponse>;
        if (i % 3 === 0) {
          const stream = client.stream(`${INVOCATION}${id}/response`, { 'Lambda-Runtime-Function-Response-Mode': 'streaming', Trailer: 'Lambda-Runtime-Function-Error-Type' });
          stream.write([Buffer.from(`streamed ${i} `)]);
          await new Promise((resolve) => setImmediate(resolve));
          stream.write([Buffer.from('and done')]);
          answered = stream.end({ 'Lambda-Runtime-Function-Error-Type': 'Function.Late' }, ask);
        } else if (i % 3 === 1) {
          answered = client.request('POST', `${INVOCATION}${id}/response`, {}, Buffer.from(`result ${i}`), undefined, ask);
        } else {
          answered = client.postError(`${INVOCATION}${id}/error`, new TypeError(`failed ${i}`), {}, ask);
        }
        assert.equal((await within(answered, `answer ${i}`)).statusCode, 202);
        assert.ok(following, `the /next after ${i} was asked for when the POST was given to the socket`);
        next = await within(following, `/next after ${i}`);
      }
      await until(() => api!.records.length === 2 * rounds + 1, 'every request recorded by the Go server');
      assert.deepEqual(new Set(api.records.map((r) => r.connection)).size, 1, 'every request went on one connection');
      const posts = api.records.filter((r) => r.method === 'POST');
      assert.equal(posts.length, rounds);
      for (const [index, post] of posts.entries()) {
        const i = index + 1;
        if (i % 3 === 0) assert.deepEqual([post.body, post.mode, post.errorType], [`streamed ${i} and done`, 'streaming', 'Function.Late']);
        else if (i % 3 === 1) assert.equal(post.body, `result ${i}`);
        else assert.deepEqual([JSON.parse(post.body).errorMessage, post.errorType], [`failed ${i}`, 'Function.TypeError']);
      }
    } finally {
      client.close();
    }
  });

  for (const responseMode of ['buffered', 'streaming'] as const) {
    it(`startRuntime answers 200 ${responseMode} invocations in order, /next pipelined on one connection`, async () => {
      const count = 200;
      api = await startGoRuntimeApi(binary, count);
      const controller = new AbortController();
      const handler: Handler = (event) => {
        const { n } = event as { n: number };
        return n % 2 ? of({ twice: n * 2 }) : of(head({ statusCode: 200 }), `n=${n}`);
      };
      const done = startRuntime(handler, { runtimeApi: api.address, responseMode, signal: controller.signal, patchConsole: false, log: () => {} });
      try {
        await until(() => api!.records.filter((r) => r.method === 'POST').length === count, `${count} responses at the Go server`, 30_000);
        const posts = api.records.filter((r) => r.method === 'POST');
        for (const [index, post] of posts.entries()) {
          const n = index + 1;
          assert.equal(post.path, `${INVOCATION}req-${n}/response`);
          if (n % 2) assert.equal(post.body, responseMode === 'streaming' ? JSON.stringify({ twice: n * 2 }) : `{"twice":${n * 2}}`);
          // An HTTP response: the prelude and body when streaming, a proxy result when buffered.
          else assert.ok(post.body.includes(`n=${n}`), `body of ${n}: ${post.body}`);
        }
        assert.equal(new Set(api.records.map((r) => r.connection)).size, 1, 'one connection for all of it');
      } finally {
        controller.abort();
        await within(done, 'the runtime stopping');
      }
    });
  }
});
