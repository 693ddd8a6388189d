import { EventStreamCodec, type Message } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import fc from 'fast-check';
import { lastValueFrom, of, toArray } from 'rxjs';
import { FrameDecodeError } from '../../src/errors.js';
import { httpResponse, type StreamEvent } from '../../src/client/index.js';
import { toStreamEvent } from '../../src/client/toStreamEvent.js';
import { eventBridgeEvents, httpRequest, snsMessages, sqsMessages, type HttpEvent } from '../../src/sources/index.js';
import { EventStreamDecoder, HttpPreludeSplitter } from '../../src/wire/index.js';
import type { ReliabilityScenario } from '../ReliabilityScenario.js';
import { startFixtureEmulator, type FixtureEmulator } from './support/fixtureEmulator.js';
import { rawRequest } from './support/rawRequest.js';

/** Keys that reach `Object.prototype` or shadow its members when a parser writes them carelessly. */
const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', 'isPrototypeOf'];

/** One hostile input: a key, and a plain value to store under it. */
const hostile = fc.record({
  key: fc.constantFrom(...HOSTILE_KEYS),
  value: fc.stringMatching(/^[a-z0-9]{1,12}$/),
});

/** A JSON text whose object has `key` as an own property holding a would-be polluter. */
function poisoned(key: string, extra: Record<string, unknown> = {}): string {
  return `{${JSON.stringify(key)}:{"polluted":true,"toString":"x"}${Object.keys(extra).length ? `,${JSON.stringify(extra).slice(1, -1)}` : ''}}`;
}

/** `record[key] === value` as an own property. */
function owns(record: unknown, key: string, value: unknown): boolean {
  return typeof record === 'object' && record !== null && Object.hasOwn(record, key) && (record as Record<string, unknown>)[key] === value;
}

const codec = new EventStreamCodec(toUtf8, fromUtf8);
const PRELUDE_DELIMITER = Buffer.alloc(8);

/** Each parser, fed an input carrying `key`; returns what went wrong (or nothing). */
const PARSERS: Record<string, (key: string, value: string, emulator: FixtureEmulator) => Promise<string | undefined>> = {
  async 'httpRequest (Function URL)'(key, value) {
    const event = JSON.parse(`{
      "version": "2.0", "routeKey": "$default", "rawPath": "/p", "rawQueryString": ${JSON.stringify(`${encodeURIComponent(key)}=${value}`)},
      "headers": {${JSON.stringify(key.toLowerCase())}: ${JSON.stringify(value)}}, "queryStringParameters": {${JSON.stringify(key)}: ${JSON.stringify(value)}},
      "cookies": [${JSON.stringify(`${key}=${value}`)}], "isBase64Encoded": false, "body": ${JSON.stringify(poisoned(key))},
      "requestContext": {"http": {"method": "POST", "path": "/p", "protocol": "HTTP/1.1", "sourceIp": "127.0.0.1", "userAgent": "x"},
        "domainName": "abc.lambda-url.us-east-1.on.aws", "domainPrefix": "abc", "requestId": "r", "accountId": "1", "apiId": "abc",
        "stage": "$default", "time": "01/Jan/1970:00:00:00 +0000", "timeEpoch": 0, "routeKey": "$default"}}`) as HttpEvent;
    const request = httpRequest(event);
    request.json();
    if (!owns(request.headers, key.toLowerCase(), value)) return 'header lost';
    if (!owns(request.query, key, value)) return 'query parameter lost';
    if (!owns(request.cookies, key, value)) return 'cookie lost';
    return undefined;
  },
  async 'httpRequest (REST API)'(key, value) {
    const event = JSON.parse(`{
      "resource": "/p", "path": "/p", "httpMethod": "GET", "isBase64Encoded": false, "body": null,
      "headers": {${JSON.stringify(key)}: ${JSON.stringify(value)}}, "multiValueHeaders": {${JSON.stringify(key)}: [${JSON.stringify(value)}]},
      "queryStringParameters": {${JSON.stringify(key)}: ${JSON.stringify(value)}},
      "multiValueQueryStringParameters": {${JSON.stringify(key)}: [${JSON.stringify(value)}]},
      "pathParameters": {${JSON.stringify(key)}: ${JSON.stringify(value)}}, "stageVariables": null,
      "requestContext": {"resourceId": "r1", "resourcePath": "/p", "httpMethod": "GET", "requestId": "r", "stage": "prod",
        "identity": {"sourceIp": "127.0.0.1"}}}`) as HttpEvent;
    const request = httpRequest(event);
    if (!owns(request.headers, key.toLowerCase(), value)) return 'header lost';
    if (!owns(request.query, key, value)) return 'query parameter lost';
    if (!owns(request.pathParameters, key, value)) return 'path parameter lost';
    return undefined;
  },
  async sqsMessages(key, value) {
    const event = JSON.parse(`{"Records": [{"messageId": "m1", "receiptHandle": "h", "body": ${JSON.stringify(poisoned(key))},
      "attributes": {"ApproximateReceiveCount": "1", "SentTimestamp": "0", "SenderId": "s", "ApproximateFirstReceiveTimestamp": "0"},
      "messageAttributes": {${JSON.stringify(key)}: {"stringValue": ${JSON.stringify(value)}, "dataType": "String", "stringListValues": [], "binaryListValues": []}},
      "md5OfBody": "x", "eventSource": "aws:sqs", "eventSourceARN": "arn:aws:sqs:us-east-1:1:q", "awsRegion": "us-east-1"}]}`);
    const [message] = await lastValueFrom(of(event).pipe(sqsMessages({ json: true }), toArray()));
    if (!message || !Object.hasOwn(message.body as object, key)) return 'body key lost';
    if (!owns(message.messageAttributes, key, value)) return 'message attribute lost';
    return undefined;
  },
  async snsMessages(key, value) {
    const event = JSON.parse(`{"Records": [{"EventSource": "aws:sns", "EventVersion": "1.0", "EventSubscriptionArn": "a", "Sns": {
      "Type": "Notification", "MessageId": "m", "TopicArn": "t", "Subject": null, "Message": ${JSON.stringify(poisoned(key))},
      "Timestamp": "1970-01-01T00:00:00.000Z", "SignatureVersion": "1", "Signature": "s", "SigningCertUrl": "u", "UnsubscribeUrl": "u",
      "MessageAttributes": {${JSON.stringify(key)}: {"Type": "String", "Value": ${JSON.stringify(value)}}}}}]}`);
    const [message] = await lastValueFrom(of(event).pipe(snsMessages({ json: true }), toArray()));
    if (!message || !Object.hasOwn(message.body as object, key)) return 'message key lost';
    if (!owns(message.messageAttributes, key, value)) return 'message attribute lost';
    return undefined;
  },
  async eventBridgeEvents(key) {
    const event = JSON.parse(`{"version": "0", "id": "i", "detail-type": "T", "source": "s", "account": "1",
      "time": "1970-01-01T00:00:00Z", "region": "us-east-1", "resources": [], "detail": ${poisoned(key)}}`);
    const [message] = await lastValueFrom(of(event).pipe(eventBridgeEvents(), toArray()));
    return message && Object.hasOwn(message.detail as object, key) ? undefined : 'detail key lost';
  },
  async 'HttpPreludeSplitter'(key, value) {
    const name = key.toLowerCase();
    const json = `{"statusCode": 200, "headers": {${JSON.stringify(name)}: ${JSON.stringify(value)}}, "multiValueHeaders": {${JSON.stringify(name)}: [${JSON.stringify(value)}]}}`;
    const { prelude } = new HttpPreludeSplitter().push(Buffer.concat([Buffer.from(json), PRELUDE_DELIMITER, Buffer.from('body')]));
    if (!owns(prelude?.headers, name, value)) return 'prelude header lost';
    if (!prelude?.multiValueHeaders || !Object.hasOwn(prelude.multiValueHeaders, name)) return 'prelude multi-value header lost';
    return undefined;
  },
  async 'httpResponse (client)'(key, value) {
    const name = key.toLowerCase();
    const json = `{"statusCode": 200, "headers": {${JSON.stringify(name)}: ${JSON.stringify(value)}}, "multiValueHeaders": {${JSON.stringify(name)}: ["more"]}}`;
    const events: StreamEvent[] = [
      { type: 'PayloadChunk', payload: Buffer.concat([Buffer.from(json), PRELUDE_DELIMITER, Buffer.from('body')]) },
      { type: 'InvokeComplete' },
    ];
    const [first] = await lastValueFrom(of(...events).pipe(httpResponse(), toArray()));
    return first?.type === 'Head' && owns(first.headers, name, `${value}, more`) ? undefined : `response headers read as ${JSON.stringify(first)}`;
  },
  async 'EventStreamDecoder + toStreamEvent'(key, value) {
    const headers = JSON.parse(`{${JSON.stringify(key)}: {"type": "string", "value": ${JSON.stringify(value)}},
      ":message-type": {"type": "string", "value": "event"}, ":event-type": {"type": "string", "value": "InvokeComplete"}}`) as Message['headers'];
    const frame = codec.encode({ headers, body: Buffer.from(poisoned(key, { ErrorCode: value })) });
    let message;
    try {
      [message] = new EventStreamDecoder().push(frame);
    } catch (error) {
      // Refusing a frame with a `__proto__` header, with a typed error, is as safe as keeping it.
      return key === '__proto__' && error instanceof FrameDecodeError ? undefined : `threw ${String(error)}`;
    }
    if (!message || !Object.hasOwn(message.headers, key)) return 'frame header lost';
    const event = toStreamEvent(message);
    return event?.type === 'InvokeComplete' && event.errorCode === value ? undefined : `InvokeComplete read as ${JSON.stringify(event)}`;
  },
  async 'emulator (Invoke JSON, client context)'(key, value, emulator) {
    const res = await rawRequest(emulator.url, {
      path: '/2015-03-31/functions/echo/invocations',
      headers: { 'x-amz-client-context': Buffer.from(poisoned(key)).toString('base64') },
      body: poisoned(key, { value }),
    });
    const echoed = (JSON.parse(res.body) as { echo?: unknown }).echo;
    return res.status === 200 && Object.hasOwn(echoed as object, key) && owns(echoed, 'value', value) ? undefined : `got ${res.status} ${res.body.slice(0, 200)}`;
  },
  async 'emulator (Function URL event)'(key, value, emulator) {
    const res = await rawRequest(emulator.url, {
      method: 'GET',
      path: `/lambda-url/echo/p?${encodeURIComponent(key)}=${value}`,
      headers: { [key]: value, cookie: `${key}=${value}` },
    });
    const event = (JSON.parse(res.body) as { echo?: { headers?: unknown; queryStringParameters?: unknown; cookies?: string[] } }).echo;
    if (res.status !== 200 || !event) return `got ${res.status} ${res.body.slice(0, 200)}`;
    if (!owns(event.headers, key.toLowerCase(), value)) return 'header lost';
    if (!owns(event.queryStringParameters, key, value)) return `query parameter read as ${JSON.stringify(event.queryStringParameters)}`;
    if (!event.cookies?.includes(`${key}=${value}`)) return 'cookie lost';
    return undefined;
  },
};

/** The own property names of the built-in prototypes, to see that nothing was added to them. */
function prototypeShape(): string {
  return [Object.prototype, Array.prototype, Function.prototype].map((p) => Object.getOwnPropertyNames(p).sort().join()).join('|');
}

const prototypePollution: ReliabilityScenario = {
  name: 'security: __proto__ / constructor keys in events, preludes and frames pollute nothing',
  ciRuns: 300,
  longRuns: 20_000,
  async run(runs) {
    const failures: string[] = [];
    const shape = prototypeShape();
    const emulator = await startFixtureEmulator([{ name: 'echo', handler: 'handlers.echo', responseMode: 'buffered' }]);
    const parsers = Object.entries(PARSERS);
    try {
      const samples = fc.sample(hostile, { numRuns: runs });
      for (const [i, { key, value }] of samples.entries()) {
        const [parser, parse] = parsers[i % parsers.length]!;
        const problem = await parse(key, value, emulator).catch((error: unknown) => `threw ${String(error)}`);
        if (problem) failures.push(`${parser} with key ${key}: ${problem}`);
        if (({} as Record<string, unknown>).polluted !== undefined || prototypeShape() !== shape) {
          failures.push(`${parser} with key ${key}: a built-in prototype changed`);
          break;
        }
      }
    } finally {
      await emulator.close();
    }
    return { runs, failures, lost: 0, notes: `${parsers.length} parsers x ${HOSTILE_KEYS.length} keys` };
  },
};

export default prototypePollution;
