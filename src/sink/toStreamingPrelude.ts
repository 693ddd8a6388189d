import type { HeadEmission } from '../head.js';
import type { HttpPrelude } from '../wire/encodeHttpPrelude.js';
import { headerLists } from './headerLists.js';
import type { HttpShape } from './HttpShape.js';

/**
 * The HTTP-integration prelude for a streamed `head()`, shaped for its caller.
 * API Gateway REST (payload 1.0) reads repeated headers and cookies from
 * `multiValueHeaders`, so there cookies become `set-cookie` values and every header is
 * also listed there; HTTP API and Function URLs (payload 2.0) take `headers` and
 * `cookies` as they are.
 *
 * @example
 * ```ts
 * toStreamingPrelude(head({ statusCode: 200, cookies: ['a=1'] }), 'apigw-rest');
 * // { statusCode: 200, headers: {}, multiValueHeaders: { 'set-cookie': ['a=1'] } }
 * ```
 */
export function toStreamingPrelude(head: HeadEmission, shape: HttpShape): HttpPrelude {
  const { statusCode, headers, multiValueHeaders, cookies } = head;
  if (shape !== 'apigw-rest') {
    return {
      statusCode,
      ...(headers ? { headers } : {}),
      ...(multiValueHeaders ? { multiValueHeaders } : {}),
      ...(cookies ? { cookies } : {}),
    };
  }
  return { statusCode, headers: { ...(headers ?? {}) }, multiValueHeaders: Object.fromEntries(headerLists(head, true)) };
}
