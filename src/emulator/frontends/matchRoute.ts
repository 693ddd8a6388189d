import type { ApiRoute } from '../config/FunctionConfig.js';

/** A route of the API front end, with the function it invokes. */
export interface FunctionRoute {
  readonly functionName: string;
  readonly route: ApiRoute;
}

/** The route a request matched, with its path parameters. */
export interface RouteMatch extends FunctionRoute {
  readonly pathParameters: Readonly<Record<string, string>>;
}

/**
 * Finds the route for a request the way API Gateway chooses: an exact path before a
 * templated one (`/items/{id}`), a greedy one (`/{proxy+}`) last, HTTP API's `$default`
 * after everything; a route for the request's method before an `ANY` one.
 *
 * @example
 * ```ts
 * matchRoute(routes, 'GET', '/items/7')?.pathParameters; // { id: '7' }
 * ```
 */
export function matchRoute(routes: readonly FunctionRoute[], method: string, path: string): RouteMatch | undefined {
  let best: { match: RouteMatch; rank: number } | undefined;
  for (const candidate of routes) {
    const routeMethod = candidate.route.method ?? 'ANY';
    if (routeMethod !== 'ANY' && routeMethod !== method.toUpperCase()) continue;
    const pathParameters = matchPath(candidate.route.path, path);
    if (!pathParameters) continue;
    const rank = pathRank(candidate.route.path) * 2 + (routeMethod === 'ANY' ? 0 : 1);
    if (!best || rank > best.rank) best = { match: { ...candidate, pathParameters }, rank };
  }
  return best?.match;
}

/** Higher for more specific paths: static segments count most, greedy and `$default` least. */
function pathRank(template: string): number {
  if (template === '/$default' || template === '$default') return 0;
  const segments = template.split('/').filter(Boolean);
  const greedy = segments.some((segment) => segment.endsWith('+}'));
  const statics = segments.filter((segment) => !segment.startsWith('{')).length;
  return (greedy ? 1 : 1000) + statics * 10 + segments.length;
}

function matchPath(template: string, path: string): Record<string, string> | undefined {
  if (template === '/$default' || template === '$default') return {};
  const wanted = template.split('/').filter(Boolean);
  const given = path.split('/').filter(Boolean);
  const parameters: Record<string, string> = {};
  for (let i = 0; i < wanted.length; i += 1) {
    const segment = wanted[i]!;
    const parameter = /^\{([^}+]+)(\+?)\}$/.exec(segment);
    if (parameter?.[2] === '+') {
      if (i !== wanted.length - 1 || given.length <= i) return undefined;
      parameters[parameter[1]!] = given.slice(i).map(decode).join('/');
      return parameters;
    }
    const value = given[i];
    if (value === undefined) return undefined;
    if (parameter) parameters[parameter[1]!] = decode(value);
    else if (segment !== value) return undefined;
  }
  return given.length === wanted.length ? parameters : undefined;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
