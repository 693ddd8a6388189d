/** Status, headers and cookies of an HTTP response, emitted first by a handler. */
export interface HttpHead {
  readonly statusCode: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** Repeated headers (ALB with multi-value headers, API Gateway REST). */
  readonly multiValueHeaders?: Readonly<Record<string, readonly string[]>>;
  /** `Set-Cookie` values. */
  readonly cookies?: readonly string[];
}

const HEAD = Symbol.for('rx-lambda.head');

/** The marker value `head()` returns; recognise it with `isHead`. */
export interface HeadEmission extends HttpHead {
  readonly [HEAD]: true;
}

/**
 * Marks a handler's response as HTTP. Emit it **first**; the values after it are the body.
 *
 * @example
 * ```ts
 * import { concat, of } from 'rxjs';
 * import { head } from 'rx-lambda';
 * export const handler = () =>
 *   concat(of(head({ statusCode: 200, headers: { 'content-type': 'text/plain' } })), of('hello'));
 * ```
 */
export function head(init: HttpHead): HeadEmission {
  if (!Number.isInteger(init.statusCode) || init.statusCode < 100 || init.statusCode > 599) {
    throw new RangeError(`head(): statusCode must be an integer from 100 to 599, got ${init.statusCode}`);
  }
  return { ...init, [HEAD]: true };
}

/** True for a value made by `head()`. */
export function isHead(value: unknown): value is HeadEmission {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[HEAD] === true;
}
