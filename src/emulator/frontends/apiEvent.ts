import { isUtf8 } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import type { ALBEvent, APIGatewayProxyEvent, APIGatewayProxyEventV2 } from 'aws-lambda';
import { isTextContentType } from '../../wire/isTextContentType.js';
import { EMULATOR_ACCOUNT_ID, EMULATOR_REGION } from '../service/functionArn.js';
import { functionUrlEvent } from '../service/functionUrlEvent.js';
import type { RouteMatch } from './matchRoute.js';

/** The API id the front end reports in events. */
export const LOCAL_API_ID = 'rxlocal';
/** The stage a REST API event names, as `sam local start-api` does. */
export const LOCAL_REST_STAGE = 'Prod';

/** What the front end knows of a request when it builds the event. */
export interface ApiRequest {
  readonly req: IncomingMessage;
  readonly match: RouteMatch;
  /** The path, without the query. */
  readonly path: string;
  readonly body: Buffer;
  readonly requestId: string;
  readonly now?: Date;
}

/**
 * The event a service hands a function for an HTTP request: API Gateway HTTP API
 * (payload 2.0), API Gateway REST API (payload 1.0, with `multiValueHeaders`) or an
 * Application Load Balancer target group (`requestContext.elb`), by the route's `api`.
 *
 * @example
 * ```ts
 * const event = apiEvent({ req, match, path: '/items/7', body, requestId });
 * ```
 */
export function apiEvent(request: ApiRequest): APIGatewayProxyEventV2 | APIGatewayProxyEvent | ALBEvent {
  switch (request.match.route.api) {
    case 'http':
      return httpApiEvent(request);
    case 'rest':
      return restApiEvent(request);
    case 'alb':
      return albEvent(request);
  }
}

function httpApiEvent({ req, match, path, body, requestId, now }: ApiRequest): APIGatewayProxyEventV2 {
  const event = functionUrlEvent({ req, functionName: match.functionName, rawPath: path, body, requestId, now });
  const routeKey = match.route.path === '$default' || match.route.path === '/$default' ? '$default' : `${match.route.method ?? 'ANY'} ${match.route.path}`;
  const domainName = `${LOCAL_API_ID}.execute-api.${EMULATOR_REGION}.amazonaws.com`;
  const result: APIGatewayProxyEventV2 = {
    ...event,
    routeKey,
    requestContext: { ...event.requestContext, apiId: LOCAL_API_ID, domainName, domainPrefix: LOCAL_API_ID, routeKey },
  };
  if (Object.keys(match.pathParameters).length > 0) result.pathParameters = { ...match.pathParameters };
  return result;
}

function restApiEvent({ req, match, path, body, requestId, now = new Date() }: ApiRequest): APIGatewayProxyEvent {
  const { headers, multiValueHeaders } = headersOf(req);
  const { query, multiValueQuery } = queryOf(req);
  const sourceIp = req.socket.remoteAddress ?? '127.0.0.1';
  const method = (req.method ?? 'GET').toUpperCase();
  return {
    resource: match.route.path,
    path,
    httpMethod: method,
    headers,
    multiValueHeaders,
    queryStringParameters: query,
    multiValueQueryStringParameters: multiValueQuery,
    pathParameters: Object.keys(match.pathParameters).length > 0 ? { ...match.pathParameters } : null,
    stageVariables: null,
    requestContext: {
      accountId: EMULATOR_ACCOUNT_ID,
      apiId: LOCAL_API_ID,
      authorizer: undefined,
      domainName: headers.host ?? `${LOCAL_API_ID}.execute-api.${EMULATOR_REGION}.amazonaws.com`,
      extendedRequestId: requestId,
      httpMethod: method,
      path: `/${LOCAL_REST_STAGE}${path}`,
      protocol: `HTTP/${req.httpVersion}`,
      requestId,
      requestTimeEpoch: now.getTime(),
      resourceId: '123456',
      resourcePath: match.route.path,
      stage: LOCAL_REST_STAGE,
      identity: identity(sourceIp, headers['user-agent'] ?? null),
    },
    ...bodyOf(body, headers['content-type']),
  };
}

function albEvent({ req, path, body }: ApiRequest): ALBEvent {
  const { headers } = headersOf(req);
  const { query } = queryOf(req);
  return {
    requestContext: {
      elb: { targetGroupArn: `arn:aws:elasticloadbalancing:${EMULATOR_REGION}:${EMULATOR_ACCOUNT_ID}:targetgroup/local/0123456789abcdef` },
    },
    httpMethod: (req.method ?? 'GET').toUpperCase(),
    path,
    queryStringParameters: query ?? {},
    headers,
    ...bodyOf(body, headers['content-type'], ''),
  };
}

function headersOf(req: IncomingMessage): { headers: Record<string, string>; multiValueHeaders: Record<string, string[]> } {
  const multiValueHeaders: Record<string, string[]> = {};
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!.toLowerCase();
    if (!Object.hasOwn(multiValueHeaders, name)) multiValueHeaders[name] = [];
    multiValueHeaders[name]!.push(req.rawHeaders[i + 1]!);
  }
  const headers: Record<string, string> = {};
  for (const [name, values] of Object.entries(multiValueHeaders)) headers[name] = values[values.length - 1]!;
  return { headers, multiValueHeaders };
}

function queryOf(req: IncomingMessage): { query: Record<string, string> | null; multiValueQuery: Record<string, string[]> | null } {
  const index = (req.url ?? '').indexOf('?');
  if (index < 0) return { query: null, multiValueQuery: null };
  const query: Record<string, string> = {};
  const multiValueQuery: Record<string, string[]> = {};
  for (const [name, value] of new URLSearchParams((req.url ?? '').slice(index + 1))) {
    query[name] = value;
    (multiValueQuery[name] ??= []).push(value);
  }
  return Object.keys(query).length === 0 ? { query: null, multiValueQuery: null } : { query, multiValueQuery };
}

function bodyOf(body: Buffer, contentType: string | undefined, empty: string | null = null): { body: string | null; isBase64Encoded: boolean } {
  if (body.byteLength === 0) return { body: empty, isBase64Encoded: false };
  const textual = isTextContentType(contentType) && isUtf8(body);
  return textual ? { body: body.toString('utf8'), isBase64Encoded: false } : { body: body.toString('base64'), isBase64Encoded: true };
}

function identity(sourceIp: string, userAgent: string | null): APIGatewayProxyEvent['requestContext']['identity'] {
  return {
    accessKey: null,
    accountId: null,
    apiKey: null,
    apiKeyId: null,
    caller: null,
    clientCert: null,
    cognitoAuthenticationProvider: null,
    cognitoAuthenticationType: null,
    cognitoIdentityId: null,
    cognitoIdentityPoolId: null,
    principalOrgId: null,
    sourceIp,
    user: null,
    userAgent,
    userArn: null,
  };
}
