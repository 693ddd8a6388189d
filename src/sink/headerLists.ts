import type { HttpHead } from '../head.js';

/**
 * A head's headers, repeated headers and (when `withCookies`) cookies as lower-cased
 * name → values, in that order: what API Gateway REST and ALB read as `multiValueHeaders`.
 *
 * @example
 * ```ts
 * headerLists(head({ statusCode: 200, headers: { 'X-A': '1' }, cookies: ['s=1'] }), true);
 * // Map { 'x-a' => ['1'], 'set-cookie' => ['s=1'] }
 * ```
 */
export function headerLists(head: HttpHead, withCookies: boolean): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (name: string, value: string): void => {
    const key = name.toLowerCase();
    const list = out.get(key);
    if (list) list.push(value);
    else out.set(key, [value]);
  };
  for (const [name, value] of Object.entries(head.headers ?? {})) add(name, value);
  for (const [name, values] of Object.entries(head.multiValueHeaders ?? {})) for (const v of values) add(name, v);
  if (withCookies) for (const cookie of head.cookies ?? []) add('set-cookie', cookie);
  return out;
}
