import { isLoopbackHost } from '../localEndpoint.js';
import type { AwsCredentialIdentity } from '@smithy/types';
import type { CredentialsOption } from './ClientOptions.js';

/**
 * Placeholder credentials for a loopback endpoint (the emulator does not check signatures;
 * requests carry a fixed SigV4-shaped `Authorization`, see `loopbackAuthorization`, and
 * are not signed). Not a secret.
 */
export const LOOPBACK_CREDENTIALS: AwsCredentialIdentity = { accessKeyId: 'rx-lambda-local', secretAccessKey: 'rx-lambda-local' };

/**
 * The credentials a call signs with: the given ones; else, for a loopback endpoint with no
 * `AWS_ACCESS_KEY_ID` in the environment, `LOOPBACK_CREDENTIALS`; else `undefined` (the
 * AWS SDK's default Node chain, loaded when a request is signed).
 *
 * @example
 * ```ts
 * loopbackCredentials(undefined, new URL('http://127.0.0.1:9001'), {}); // LOOPBACK_CREDENTIALS
 * ```
 */
export function loopbackCredentials(given: CredentialsOption | undefined, endpoint: URL, env: NodeJS.ProcessEnv): CredentialsOption | undefined {
  if (given !== undefined) return given;
  return isLoopbackHost(endpoint.hostname) && !env.AWS_ACCESS_KEY_ID ? LOOPBACK_CREDENTIALS : undefined;
}
