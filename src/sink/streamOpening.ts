import type { HeadEmission } from '../head.js';
import { encodeHttpPrelude, HTTP_INTEGRATION_CONTENT_TYPE, type HttpPrelude } from '../wire/encodeHttpPrelude.js';
import type { HeldResponse } from './adaptiveSink.js';
import { jsonBytes } from './bufferedResult.js';
import { callerHead } from './callerHead.js';
import type { HttpShape } from './HttpShape.js';
import { toStreamingPrelude } from './toStreamingPrelude.js';

/** The start of a streamed response: its content type and first bytes (the prelude, if any, first). */
export interface StreamOpening {
  readonly contentType: string;
  /** The HTTP-integration prelude written before the body, for an HTTP response. */
  readonly prelude?: HttpPrelude;
  /** The bytes to write first: the encoded prelude + 8 NULs (if any), then what was held. */
  readonly chunks: readonly Uint8Array[];
}

/** Content type of a streamed JSON result. */
const JSON_CONTENT_TYPE = 'application/json';
/** Content type of a streamed body without a `head()`. */
const BYTES_CONTENT_TYPE = 'application/octet-stream';

/**
 * The opening of a streamed response from what the sink held: a JSON result as its JSON;
 * an HTTP response as the HTTP-integration prelude shaped for its caller (written even for
 * an empty body), then the held body; plain bytes as they are (for a caller that reads
 * only HTTP responses, `httpOnly`, behind a `200` prelude).
 *
 * @example
 * ```ts
 * streamOpening({ kind: 'body', head: head({ statusCode: 200 }), chunks: [], size: 0 }, 'payload-v2', false).contentType;
 * // 'application/vnd.awslambda.http-integration-response'
 * ```
 */
export function streamOpening(held: HeldResponse, shape: HttpShape, httpOnly: boolean): StreamOpening {
  if (held.kind === 'json') return { contentType: JSON_CONTENT_TYPE, chunks: [jsonBytes(held.value)] };
  return openBody(callerHead(held.head, httpOnly), held.chunks, shape);
}

function openBody(head: HeadEmission | undefined, chunks: readonly Uint8Array[], shape: HttpShape): StreamOpening {
  if (head === undefined) return { contentType: BYTES_CONTENT_TYPE, chunks };
  const prelude = toStreamingPrelude(head, shape);
  return { contentType: HTTP_INTEGRATION_CONTENT_TYPE, prelude, chunks: [encodeHttpPrelude(prelude), ...chunks] };
}
