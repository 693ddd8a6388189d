import { request } from 'node:http';

/** What came back from one raw request. */
export interface RawResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

/**
 * Sends one HTTP request with its path exactly as given (no normalising of `..` or
 * escapes, unlike `fetch`), on its own connection, and reads the whole answer.
 */
export function rawRequest(
  base: string,
  init: { readonly method?: string; readonly path: string; readonly headers?: Record<string, string>; readonly body?: string | Buffer },
): Promise<RawResponse> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request(
      { hostname, port, method: init.method ?? 'POST', path: init.path, headers: init.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}
