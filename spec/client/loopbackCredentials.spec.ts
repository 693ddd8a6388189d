import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { lastValueFrom } from 'rxjs';
import { invoke } from '../../src/client/invoke.js';
import { invokeFunctionUrl } from '../../src/client/invokeFunctionUrl.js';
import { MissingCredentialsError } from '../../src/errors.js';

/** Environment variables the AWS SDK's default chain reads, with values that make it find nothing, fast. */
const NO_CREDENTIALS_ENV: Record<string, string | undefined> = {
  AWS_ACCESS_KEY_ID: undefined,
  AWS_SECRET_ACCESS_KEY: undefined,
  AWS_SESSION_TOKEN: undefined,
  AWS_PROFILE: undefined,
  AWS_WEB_IDENTITY_TOKEN_FILE: undefined,
  AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: undefined,
  AWS_CONTAINER_CREDENTIALS_FULL_URI: undefined,
  AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/rx-lambda/credentials',
  AWS_CONFIG_FILE: '/nonexistent/rx-lambda/config',
  AWS_EC2_METADATA_DISABLED: 'true',
};

async function withEnv<T>(vars: Record<string, string | undefined>, body: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((name) => [name, process.env[name]]));
  const apply = (values: Record<string, string | undefined>) => {
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
  apply(vars);
  try {
    return await body();
  } finally {
    apply(saved);
  }
}

describe('client credentials', () => {
  let server: Server;
  let seen: IncomingHttpHeaders[];
  let url: string;
  beforeEach(async () => {
    seen = [];
    // Answers, then closes the connection, as a strict local server may.
    server = createServer((req, res) => {
      seen.push(req.headers);
      req.resume();
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json', connection: 'close' }).end('{"ok":true}'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends calls to a loopback endpoint, when no credentials are given or in the environment, with a fixed SigV4-shaped header and no signature computed', async () => {
    const result = await withEnv(NO_CREDENTIALS_ENV, () => lastValueFrom(invoke({ endpoint: url, functionName: 'f', payload: {} })));
    assert.equal(new TextDecoder().decode(result.payload), '{"ok":true}');
    assert.match(String(seen[0]?.authorization), /^AWS4-HMAC-SHA256 Credential=rx-lambda-local\/\d{8}\/us-east-1\/lambda\/aws4_request, SignedHeaders=.*, Signature=[0-9a-f]{64}$/);
    await withEnv(NO_CREDENTIALS_ENV, () => lastValueFrom(invoke({ endpoint: url, functionName: 'f', payload: { other: true } })));
    assert.equal(seen[1]?.authorization, seen[0]?.authorization, 'the same header for a different request and time: nothing was signed');
    assert.equal(seen[0]?.['x-amz-date'], undefined, 'no signing date');
    assert.equal(seen[0]?.['x-amz-content-sha256'], undefined, 'no payload hash');
  });

  it('sends an IAM Function URL call to a loopback address the same way', async () => {
    await withEnv(NO_CREDENTIALS_ENV, () => lastValueFrom(invokeFunctionUrl(`${url}/path`, { auth: 'iam' })));
    assert.match(String(seen[0]?.authorization), /^AWS4-HMAC-SHA256 Credential=rx-lambda-local\/.*, Signature=0{64}$/);
    assert.equal(seen[0]?.['x-amz-date'], undefined, 'no signing date');
  });

  it('uses the credentials given, even on loopback', async () => {
    await withEnv(NO_CREDENTIALS_ENV, () =>
      lastValueFrom(invoke({ endpoint: url, functionName: 'f', credentials: { accessKeyId: 'AKIDGIVEN', secretAccessKey: 's' } })),
    );
    assert.match(String(seen[0]?.authorization), /Credential=AKIDGIVEN\//);
    assert.match(String(seen[0]?.['x-amz-date']), /^\d{8}T\d{6}Z$/, 'signed: it has a signing date');
  });

  it('fails a call to a remote endpoint without credentials with MissingCredentialsError saying how to provide them, sending nothing', async () => {
    const error = await withEnv(NO_CREDENTIALS_ENV, () =>
      lastValueFrom(invoke({ region: 'eu-west-1', functionName: 'f', retry: false })).then(
        () => assert.fail('the call succeeded'),
        (caught: unknown) => caught,
      ),
    );
    assert.ok(error instanceof MissingCredentialsError, `got ${String(error)}`);
    assert.equal(error.code, 'ERR_MISSING_CREDENTIALS');
    assert.match(error.message, /pass `credentials`.*AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.*AWS_PROFILE/);
    assert.ok(error.cause !== undefined, 'keeps the credential chain error as its cause');
  });
});
