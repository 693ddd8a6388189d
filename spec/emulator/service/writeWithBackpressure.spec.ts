import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { uncorkAll } from '../../../src/emulator/service/uncorkAll.js';
import { writeWithBackpressure } from '../../../src/emulator/service/writeWithBackpressure.js';

/** Deadline of each wait in these specs, ms. */
const WAIT_MS = 5000;

function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${WAIT_MS} ms waiting for ${what}`)), WAIT_MS);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

describe('writeWithBackpressure', () => {
  let server: Server | undefined;
  afterEach(async () => {
    server?.closeAllConnections();
    if (server) await new Promise((resolve) => server!.close(resolve));
    server = undefined;
  });

  /** Serves one chunked response shaped by `respond`; returns the raw bytes a client reads. */
  async function rawResponse(respond: (res: ServerResponse) => Promise<void>): Promise<string> {
    server = createServer((_req, res) => {
      res.writeHead(200);
      res.flushHeaders();
      void respond(res).then(() => res.end());
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const socket = connect((server.address() as AddressInfo).port, '127.0.0.1');
    socket.write('GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
    const received: Buffer[] = [];
    let tail = '';
    await within(
      new Promise<void>((resolve) => {
        socket.on('data', (chunk: Buffer) => {
          received.push(chunk);
          tail = (tail + chunk.toString('latin1')).slice(-5);
          if (tail === '0\r\n\r\n') resolve();
        });
      }),
      'the last chunk of the response',
    );
    socket.destroy();
    return Buffer.concat(received).toString('latin1');
  }

  it('writes several parts as one HTTP chunk, in order', async () => {
    const raw = await rawResponse(async (res) => {
      await writeWithBackpressure(res, [Buffer.from('head'), Buffer.from('-payload-'), Buffer.from('crc!')]);
    });
    assert.equal(raw.slice(raw.indexOf('\r\n\r\n') + 4), '11\r\nhead-payload-crc!\r\n0\r\n\r\n');
  });

  it('writes what one tick writes as one HTTP chunk, and uncorkAll before end keeps it before the last chunk', async () => {
    const raw = await rawResponse(async (res) => {
      void writeWithBackpressure(res, [Buffer.from('a1'), Buffer.from('a2')]);
      void writeWithBackpressure(res, [Buffer.from('b1'), Buffer.from('b2')]);
      uncorkAll(res);
      res.end('end');
    });
    assert.equal(raw.slice(raw.indexOf('\r\n\r\n') + 4), '8\r\na1a2b1b2\r\n3\r\nend\r\n0\r\n\r\n');
  });

  it('returns a promise while the socket is full, settled once it drains, for parts larger than the high water mark too', async () => {
    let pendingSeen = false;
    await rawResponse(async (res) => {
      const big = Buffer.alloc(1024 * 1024);
      for (let i = 0; i < 64 && !pendingSeen; i++) {
        const pending = writeWithBackpressure(res, [big.subarray(0, 10), big, big.subarray(0, 4)]);
        if (pending) {
          pendingSeen = true;
          await within(pending, 'the response to drain');
        }
      }
    });
    assert.ok(pendingSeen, 'a write past the buffer returned a promise');
  });

  it('writes nothing to a response that has ended', async () => {
    const raw = await rawResponse(async (res) => {
      res.end('done');
      assert.equal(writeWithBackpressure(res, [Buffer.from('late')]), undefined);
    });
    assert.ok(!raw.includes('late'));
  });
});
