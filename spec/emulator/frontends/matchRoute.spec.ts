import assert from 'node:assert/strict';
import { matchRoute, type FunctionRoute } from '../../../src/emulator/frontends/matchRoute.js';

const routes: FunctionRoute[] = [
  { functionName: 'fallback', route: { api: 'http', path: '/$default', method: 'ANY' } },
  { functionName: 'greedy', route: { api: 'http', path: '/{proxy+}', method: 'ANY' } },
  { functionName: 'item', route: { api: 'http', path: '/items/{id}', method: 'ANY' } },
  { functionName: 'getItem', route: { api: 'http', path: '/items/{id}', method: 'GET' } },
  { functionName: 'exact', route: { api: 'http', path: '/items/new', method: 'ANY' } },
];

describe('matchRoute', () => {
  it('prefers an exact path to a template, a method to ANY, a template to a greedy path, and $default last', () => {
    assert.equal(matchRoute(routes, 'GET', '/items/new')?.functionName, 'exact');
    assert.equal(matchRoute(routes, 'GET', '/items/7')?.functionName, 'getItem');
    assert.equal(matchRoute(routes, 'DELETE', '/items/7')?.functionName, 'item');
    assert.equal(matchRoute(routes, 'GET', '/a/b/c')?.functionName, 'greedy');
    assert.equal(matchRoute(routes, 'GET', '/')?.functionName, 'fallback');
  });

  it('decodes path parameters, a greedy one across segments', () => {
    assert.deepEqual(matchRoute(routes, 'GET', '/items/a%20b')?.pathParameters, { id: 'a b' });
    assert.deepEqual(matchRoute(routes, 'POST', '/x/y%2Fz/w')?.pathParameters, { proxy: 'x/y/z/w' });
  });

  it('matches nothing when no route fits', () => {
    assert.equal(matchRoute(routes.slice(2), 'GET', '/other'), undefined);
  });
});
