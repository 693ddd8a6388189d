import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Starts `server` listening and resolves with its `host:port` (an IPv6 address in
 * brackets), ready for a URL or `AWS_LAMBDA_RUNTIME_API`.
 *
 * @example
 * ```ts
 * const address = await listen(server, 0, '127.0.0.1'); // '127.0.0.1:49152'
 * ```
 */
export async function listen(server: Server, port: number, host: string): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { address, port: bound } = server.address() as AddressInfo;
  return `${address.includes(':') ? `[${address}]` : address}:${bound}`;
}
