import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, Provider } from '@smithy/types';
import { MissingCredentialsError } from '../errors.js';
import type { CredentialsOption } from './ClientOptions.js';
import { LAMBDA_SIGNING_SERVICE } from './clientDefaults.js';
import { loopbackAuthorization } from './loopbackAuthorization.js';
import { LOOPBACK_CREDENTIALS } from './loopbackCredentials.js';
import { NodeSha256 } from './NodeSha256.js';

/** A request ready for undici: origin, encoded path (with query), headers and body. */
export interface WireRequest {
  readonly origin: string;
  /** Encoded path and query, as sent. */
  readonly path: string;
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Uint8Array;
}

/** A request before signing: `path` is encoded, `query` values are not. */
export interface RequestSpec {
  readonly origin: string;
  readonly path: string;
  readonly query?: Readonly<Record<string, string>>;
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Uint8Array;
}

/** How to give the client credentials, for the error when none are found. */
const HOW_TO_PROVIDE_CREDENTIALS =
  'pass `credentials` to the call, set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE with ~/.aws/credentials), ' +
  'or run where a role provides them (Lambda, ECS, EC2); a loopback endpoint (the emulator) needs none';

/**
 * The AWS SDK's default Node credential chain, imported only when a request needs it. When
 * it finds nothing the call fails with `MissingCredentialsError`, saying how to provide them.
 */
const defaultCredentialChain: Provider<AwsCredentialIdentity> = async () => {
  const { fromNodeProviderChain } = await import('@aws-sdk/credential-providers');
  try {
    return await fromNodeProviderChain()();
  } catch (cause) {
    throw new MissingCredentialsError(`no AWS credentials found to sign the request: ${HOW_TO_PROVIDE_CREDENTIALS}`, { cause });
  }
};

/** The wire path of a spec: its encoded path and its query, encoded. */
export function wirePath(spec: Pick<RequestSpec, 'path' | 'query'>): string {
  const query = Object.entries(spec.query ?? {});
  if (query.length === 0) return spec.path;
  return `${spec.path}?${query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`;
}

/**
 * Signs a request with SigV4 (service `lambda`, SHA-256 over node:crypto) and returns it
 * ready to send. `credentials` default to the AWS SDK's Node provider chain. With the
 * placeholder `LOOPBACK_CREDENTIALS` (a loopback endpoint, no credentials given) nothing is
 * signed: the request carries the fixed SigV4-shaped `loopbackAuthorization` header.
 *
 * @example
 * ```ts
 * const wire = await signRequest(
 *   { origin: 'https://lambda.eu-west-1.amazonaws.com', path: '/2015-03-31/functions/fn/invocations',
 *     method: 'POST', headers: {} },
 *   'eu-west-1', { accessKeyId: 'AKID', secretAccessKey: 'secret' });
 * ```
 */
export async function signRequest(
  spec: RequestSpec,
  region: string,
  credentials: CredentialsOption | undefined,
): Promise<WireRequest> {
  const url = new URL(spec.origin);
  if (credentials === LOOPBACK_CREDENTIALS) {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(spec.headers)) headers[name.toLowerCase()] = value;
    headers.authorization = loopbackAuthorization(LOOPBACK_CREDENTIALS.accessKeyId, region);
    return { origin: url.origin, path: wirePath(spec), method: spec.method, headers, ...(spec.body ? { body: spec.body } : {}) };
  }
  const signer = new SignatureV4({
    service: LAMBDA_SIGNING_SERVICE,
    region,
    credentials: credentials ?? defaultCredentialChain,
    sha256: NodeSha256,
  });
  const signed = await signer.sign({
    method: spec.method,
    protocol: url.protocol,
    hostname: url.hostname,
    ...(url.port ? { port: Number(url.port) } : {}),
    path: spec.path,
    query: { ...spec.query },
    headers: { ...spec.headers, host: url.host },
    body: spec.body,
  });
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(signed.headers)) headers[name.toLowerCase()] = value;
  return {
    origin: url.origin,
    path: wirePath(spec),
    method: spec.method,
    headers,
    ...(spec.body ? { body: spec.body } : {}),
  };
}
