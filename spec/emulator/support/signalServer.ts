import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { withDeadline } from '../../../test-support/withDeadline.js';

/**
 * A loopback server a fixture function long-polls (`GET /wait/<key>`); the request is
 * answered only when the test calls `release(key)`. A fixture can also report in with
 * `GET /arrived/<key>`, which the test awaits with `arrived(key)`.
 */
export interface SignalServer {
  readonly url: string;
  release(key: string): void;
  arrived(key: string): Promise<void>;
  close(): Promise<void>;
}

export async function startSignalServer(): Promise<SignalServer> {
  const waiting = new Map<string, ServerResponse[]>();
  const released = new Set<string>();
  const arrivals = new Map<string, { promise: Promise<void>; resolve: () => void }>();
  const arrival = (key: string) => {
    let entry = arrivals.get(key);
    if (!entry) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      entry = { promise, resolve };
      arrivals.set(key, entry);
    }
    return entry;
  };
  const server = createServer((req, res) => {
    const [, kind, key = ''] = (req.url ?? '').split('/');
    if (kind === 'arrived') {
      arrival(key).resolve();
      res.end('ok');
    } else if (kind === 'wait') {
      if (released.has(key)) return void res.end('go');
      const list = waiting.get(key) ?? [];
      list.push(res);
      waiting.set(key, list);
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    release(key) {
      released.add(key);
      for (const res of waiting.get(key) ?? []) res.end('go');
      waiting.delete(key);
    },
    arrived: (key) => withDeadline(arrival(key).promise, `the fixture function to report in as ${JSON.stringify(key)}`),
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
