// An HTTP response behind a Function URL: status, headers and cookies go first with
// head(), then the body. route() picks the entry for the event's source; httpRequest()
// gives one request shape for Function URLs, API Gateway (REST and HTTP) and ALB.
import { concat, of, throwError } from 'rxjs';
import { head, type Handler } from 'rx-lambda';
import { httpRequest, route } from 'rx-lambda/sources';

export const handler: Handler = route({
  http: (event) => {
    const request = httpRequest(event);
    if (request.method === 'GET' && request.path === '/') {
      const visits = Number(request.cookies.visits ?? '0') + 1;
      return concat(
        of(
          head({
            statusCode: 200,
            headers: { 'content-type': 'application/json', 'cache-control': 'no-store', 'x-powered-by': 'rx-lambda' },
            cookies: [`visits=${visits}; Path=/; HttpOnly; SameSite=Lax`, 'theme=dark; Path=/'],
          }),
        ),
        of(JSON.stringify({ hello: request.query.name ?? 'world', visits }), '\n'),
      );
    }
    if (request.method === 'POST' && request.path === '/items') {
      const item = request.json<{ name?: string }>();
      if (typeof item.name !== 'string') {
        return of(head({ statusCode: 400, headers: { 'content-type': 'text/plain' } }), 'name is required\n');
      }
      return of(
        head({ statusCode: 201, headers: { 'content-type': 'application/json', location: `/items/${encodeURIComponent(item.name)}` } }),
        JSON.stringify({ created: item.name }),
      );
    }
    return of(head({ statusCode: 404, headers: { 'content-type': 'text/plain' } }), `no route for ${request.method} ${request.path}\n`);
  },
  default: () => throwError(() => new Error('http-response only answers HTTP events (Function URL, API Gateway, ALB)')),
});
