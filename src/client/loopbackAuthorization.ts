import { LAMBDA_SIGNING_SERVICE } from './clientDefaults.js';

/**
 * The date in the credential scope of `loopbackAuthorization` (`YYYYMMDD`). Fixed: nothing
 * on loopback checks it, and a fixed value keeps the header free of per-request work.
 */
const LOOPBACK_SCOPE_DATE = '20150331';

/** The signature of `loopbackAuthorization`: 64 hex digits, as SigV4's are, all zero. */
const LOOPBACK_SIGNATURE = '0'.repeat(64);

/**
 * The `Authorization` header sent to a loopback endpoint with placeholder credentials
 * (`LOOPBACK_CREDENTIALS`): shaped like SigV4 (`AWS4-HMAC-SHA256 Credential=…,
 * SignedHeaders=…, Signature=…`, the shape the emulator checks) but computed without
 * hashing or HMAC, since nothing local verifies a signature made with placeholder keys.
 *
 * @example
 * ```ts
 * loopbackAuthorization('rx-lambda-local', 'us-east-1');
 * // 'AWS4-HMAC-SHA256 Credential=rx-lambda-local/20150331/us-east-1/lambda/aws4_request, SignedHeaders=host, Signature=000…'
 * ```
 */
export function loopbackAuthorization(accessKeyId: string, region: string): string {
  return (
    `AWS4-HMAC-SHA256 Credential=${accessKeyId}/${LOOPBACK_SCOPE_DATE}/${region}/${LAMBDA_SIGNING_SERVICE}/aws4_request, ` +
    `SignedHeaders=host, Signature=${LOOPBACK_SIGNATURE}`
  );
}
