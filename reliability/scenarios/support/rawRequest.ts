import { request } from 'node:http';

/** What came back from one raw request. */
export interface RawResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

/** A SigV4-shaped `Authorization` value: the emulator's Invoke APIs want one (and check no signature). */
export const LOCAL_AUTHORIZATION = 'AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/lambda/aws4_request, SignedHeaders=host, Signature=0';

/**
 * Sends one HTTP request with its path exactly as given (no normalising of `..` or
 * escapes, unlike `fetch`), on its own connection, and reads the whole answer. It sends
 * `LOCAL_AUTHORIZATION` unless `headers` say otherwise or `unsigned` is set.
 */
export function rawRequest(
  base: string,
  init: {
    readonly method?: string;
    readonly path: string;
    readonly headers?: Record<string, string>;
    readonly body?: string | Buffer;
    readonly unsigned?: boolean;
  },
): Promise<RawResponse> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request(
      { hostname, port, method: init.method ?? 'POST', path: init.path, headers: { ...(init.unsigned ? {} : { authorization: LOCAL_AUTHORIZATION }), ...init.headers }, agent: false },
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
