/** An X-Ray trace header as W3C trace context ids. */
export interface XRayTrace {
  /** 32 lower-case hex digits: the X-Ray root's time and id, without `1-` and the dash. */
  readonly traceId: string;
  /** 16 lower-case hex digits: the X-Ray `Parent`. */
  readonly spanId: string;
  readonly sampled: boolean;
}

/** `Root=1-<8 hex time>-<24 hex id>`. Source: AWS X-Ray trace header format. */
const ROOT = /^1-([0-9a-f]{8})-([0-9a-f]{24})$/i;
/** `Parent=<16 hex>`. Source: AWS X-Ray trace header format. */
const PARENT = /^[0-9a-f]{16}$/i;
/** All zeros is not a valid W3C trace or span id. Source: W3C Trace Context. */
const ZEROS = /^0+$/;

/**
 * Reads an X-Ray trace header (`Lambda-Runtime-Trace-Id`, `_X_AMZN_TRACE_ID`:
 * `Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1`) as W3C trace
 * context ids. Anything without a valid `Root` and `Parent` gives `undefined`.
 *
 * @example
 * ```ts
 * parseXRayTraceHeader('Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1');
 * // { traceId: '5759e988bd862e3fe1be46a994272793', spanId: '53995c3f42cd8ad8', sampled: true }
 * ```
 */
export function parseXRayTraceHeader(header: string | undefined): XRayTrace | undefined {
  if (header === undefined) return undefined;
  const fields = new Map<string, string>();
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const root = ROOT.exec(fields.get('Root') ?? '');
  const parent = fields.get('Parent') ?? '';
  if (!root || !PARENT.test(parent)) return undefined;
  const traceId = `${root[1]}${root[2]}`.toLowerCase();
  const spanId = parent.toLowerCase();
  if (ZEROS.test(traceId) || ZEROS.test(spanId)) return undefined;
  return { traceId, spanId, sampled: fields.get('Sampled') === '1' };
}
