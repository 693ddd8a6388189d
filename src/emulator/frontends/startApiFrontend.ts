import { createServer } from 'node:http';
import type { FunctionPool } from '../environments/FunctionPool.js';
import { EMULATOR_MAX_HEADER_BYTES } from '../emulatorLimits.js';
import { listen } from '../listen.js';
import { handleApiRequest } from './handleApiRequest.js';
import type { FunctionRoute } from './matchRoute.js';

/** What the API front end serves. */
export interface ApiFrontendOptions {
  readonly host: string;
  readonly port: number;
  /** The functions, each with its `routes`. */
  readonly pools: ReadonlyMap<string, FunctionPool>;
  readonly log: (line: string) => void;
}

/**
 * The `--api-port` server: every function's `routes` (API Gateway HTTP API and REST API,
 * ALB) at their real paths and methods, on one port. Routes are read from each pool's
 * current function, so a reload keeps them.
 *
 * @example
 * ```ts
 * const front = await startApiFrontend({ host: '127.0.0.1', port: 3000, pools, log: console.log });
 * await front.close();
 * ```
 */
export async function startApiFrontend(options: ApiFrontendOptions): Promise<{ url: string; close(): Promise<void> }> {
  const routes = (): FunctionRoute[] =>
    [...options.pools.values()].flatMap((pool) => pool.fn.routes.map((route) => ({ functionName: pool.fn.name, route })));
  const server = createServer({ maxHeaderSize: EMULATOR_MAX_HEADER_BYTES }, (req, res) => {
    handleApiRequest(req, res, routes(), options.pools).catch((error: unknown) => {
      options.log(`[api] ${req.method} ${req.url} failed: ${String(error)}`);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end('{"message":"Internal Server Error"}');
    });
  });
  const url = `http://${await listen(server, options.port, options.host)}`;
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
