import { EmulatorConfigError } from '../../src/errors.js';
import type { ReliabilityScenario } from '../ReliabilityScenario.js';
import { startFixtureEmulator, type FixtureEmulator } from './support/fixtureEmulator.js';
import { connect } from 'node:net';
import { LOCAL_AUTHORIZATION, rawRequest, type RawResponse } from './support/rawRequest.js';

const INVOKE = (name: string): string => `/2015-03-31/functions/${name}/invocations`;
const STREAM = (name: string): string => `/2021-11-15/functions/${name}/response-streaming-invocations`;
const MiB = 1024 * 1024;

/** An AWS-shaped refusal: this status, `X-Amzn-ErrorType` one of `types`, a JSON body with a message. */
function expectServiceError(res: RawResponse, statuses: readonly number[], types: readonly string[]): string | undefined {
  const type = String(res.headers['x-amzn-errortype'] ?? '');
  let message: unknown;
  try {
    const body = JSON.parse(res.body) as { message?: unknown; Message?: unknown };
    message = body.message ?? body.Message;
  } catch {
    message = undefined;
  }
  if (!statuses.includes(res.status) || !types.includes(type) || typeof message !== 'string') {
    return `got ${res.status} ${type || '(no X-Amzn-ErrorType)'} ${res.body.slice(0, 200)}`;
  }
  if (Object.keys(res.headers).some((h) => h.startsWith('x-injected')) || res.headers['set-cookie']) return 'a header was injected';
  return undefined;
}

/** A function answer that failed as Lambda reports it to a Function URL caller: 502 with the error type. */
function expectBadGateway(res: RawResponse, type: string): string | undefined {
  if (res.status !== 502 || res.headers['x-amzn-errortype'] !== type) return `got ${res.status} ${String(res.headers['x-amzn-errortype'])}`;
  if (res.headers['set-cookie'] || res.headers['x-test']) return `an injected header reached the caller: ${JSON.stringify(res.headers)}`;
  return undefined;
}

const NOT_FOUND = [[404, 400], ['ResourceNotFoundException', 'InvalidParameterValueException']] as const;

/** Names a function cannot have; each must be refused as not found (or invalid), never resolved elsewhere. */
const BAD_NAMES = [
  'a%2Fb',
  '..',
  '%2E%2E',
  '..%2F..%2Fetc%2Fpasswd',
  'echo%00',
  'echo%0D%0AX-Injected:%201',
  '%7F%1B',
  'echo%E0%A4%A',
  'a'.repeat(200),
];

/**
 * Sends a 7 MiB Invoke body the way a blocking client does: the whole body first, 1 MiB at
 * a time, and only then reads the answer. Resolves with what it read.
 */
async function writeThenRead(base: string, path: string): Promise<string> {
  const { hostname, port } = new URL(base);
  const socket = connect(Number(port), hostname);
  socket.pause();
  const received: Buffer[] = [];
  socket.on('data', (data: Buffer) => received.push(data));
  socket.on('error', () => undefined);
  const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
  const body = Buffer.alloc(7 * MiB, 0x20);
  socket.write(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${LOCAL_AUTHORIZATION}\r\nContent-Length: ${body.length}\r\n\r\n`);
  for (let at = 0; at < body.length && !socket.destroyed; at += MiB) {
    socket.write(body.subarray(at, at + MiB));
    await pause(20);
  }
  socket.resume();
  await pause(50);
  socket.destroy();
  return Buffer.concat(received).toString('latin1');
}

/** Base64 of a client context JSON text. */
const context64 = (json: string | Buffer): string => Buffer.from(json).toString('base64');

/** Invokes the one-environment `context` function with `clientContext`; a problem, or undefined when it saw `expected`. */
async function contextSeen(e: FixtureEmulator, clientContext: string, expected: unknown): Promise<string | undefined> {
  const res = await rawRequest(e.url, { path: INVOKE('context'), headers: { 'x-amz-client-context': clientContext }, body: '{}' });
  if (res.status !== 200) return `got ${res.status} ${res.body.slice(0, 200)}`;
  const seen = (JSON.parse(res.body) as { clientContext?: unknown }).clientContext;
  return JSON.stringify(seen) === JSON.stringify(expected) ? undefined : `the function saw ${JSON.stringify(seen)}`;
}

interface BadInputCase {
  readonly name: string;
  check(emulator: FixtureEmulator): Promise<string | undefined>;
}

const CASES: readonly BadInputCase[] = [
  {
    name: 'Invoke payload over 6 MB',
    check: async (e) =>
      expectServiceError(await rawRequest(e.url, { path: INVOKE('echo'), body: Buffer.alloc(6 * MiB + 1, 0x20) }), [413], ['RequestTooLargeException']),
  },
  {
    name: 'Event payload over 1 MB',
    check: async (e) =>
      expectServiceError(
        await rawRequest(e.url, { path: INVOKE('echo'), headers: { 'x-amz-invocation-type': 'Event' }, body: Buffer.alloc(MiB + 1, 0x20) }),
        [413],
        ['RequestTooLargeException'],
      ),
  },
  {
    name: 'InvokeWithResponseStream payload over 6 MB',
    check: async (e) =>
      expectServiceError(await rawRequest(e.url, { path: STREAM('echo'), body: Buffer.alloc(6 * MiB + 1, 0x20) }), [413], ['RequestTooLargeException']),
  },
  {
    name: 'Function URL body over 6 MB',
    check: async (e) =>
      expectServiceError(await rawRequest(e.url, { path: '/lambda-url/echo/', body: Buffer.alloc(6 * MiB + 1, 0x20) }), [413], ['RequestTooLargeException']),
  },
  {
    name: 'header section over 16 KiB',
    check: async (e) =>
      expectServiceError(
        await rawRequest(e.url, { path: INVOKE('echo'), headers: { 'x-big': 'a'.repeat(20 * 1024) }, body: '{}' }),
        [431],
        ['RequestTooLargeException'],
      ),
  },
  {
    name: 'malformed JSON',
    check: async (e) =>
      expectServiceError(await rawRequest(e.url, { path: INVOKE('echo'), body: '{"a":' }), [400], ['InvalidRequestContentException']),
  },
  {
    name: 'malformed JSON on the streaming API',
    check: async (e) =>
      expectServiceError(await rawRequest(e.url, { path: STREAM('echo'), body: '{"__proto__":' }), [400], ['InvalidRequestContentException']),
  },
  {
    name: 'client context that is not base64 JSON',
    check: async (e) =>
      expectServiceError(
        await rawRequest(e.url, { path: INVOKE('echo'), headers: { 'x-amz-client-context': Buffer.from('{"a":').toString('base64') }, body: '{}' }),
        [400],
        ['InvalidRequestContentException'],
      ),
  },
  {
    name: 'client context with non-ASCII characters and CR/LF between tokens (warm environment)',
    async check(e) {
      const first = await contextSeen(e, context64('{\r\n "custom": {"city": "Zürich ☃"}\r\n}'), { custom: { city: 'Zürich ☃' } });
      return first ?? (await contextSeen(e, context64('{"a":1}'), { a: 1 }));
    },
  },
  {
    name: 'client context of invalid UTF-8, or over 3,583 bytes (warm environment)',
    async check(e) {
      for (const value of [context64(Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d])), context64(JSON.stringify({ pad: 'x'.repeat(3000) }))]) {
        const res = await rawRequest(e.url, { path: INVOKE('context'), headers: { 'x-amz-client-context': value }, body: '{}' });
        const problem = expectServiceError(res, [400], ['InvalidRequestContentException']);
        if (problem) return problem;
      }
      return contextSeen(e, context64('{"b":2}'), { b: 2 });
    },
  },
  {
    name: 'payload of invalid UTF-8 inside JSON',
    check: async (e) =>
      expectServiceError(
        await rawRequest(e.url, { path: INVOKE('echo'), body: Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]) }),
        [400],
        ['InvalidRequestContentException'],
      ),
  },
  {
    name: 'a 7 MiB body from a client that reads only after writing it all',
    async check(e) {
      const answer = await writeThenRead(e.url, INVOKE('echo'));
      return /^HTTP\/1\.1 413 /.test(answer) && /x-amzn-errortype: RequestTooLargeException/i.test(answer)
        ? undefined
        : `the client read ${JSON.stringify(answer.slice(0, 60))}`;
    },
  },
  {
    name: 'a Host header naming another site (DNS rebinding)',
    check: async (e) =>
      expectServiceError(await rawRequest(e.url, { path: INVOKE('echo'), headers: { host: 'rebind.example.com' }, body: '{}' }), [403], ['AccessDeniedException']),
  },
  {
    name: 'a cross-origin text/plain POST without Authorization',
    check: async (e) =>
      expectServiceError(
        await rawRequest(e.url, { path: INVOKE('echo'), unsigned: true, headers: { 'content-type': 'text/plain', origin: 'http://evil.example' }, body: '{"a":1}' }),
        [403],
        ['MissingAuthenticationTokenException'],
      ),
  },
  {
    name: 'unknown invocation type',
    check: async (e) =>
      expectServiceError(
        await rawRequest(e.url, { path: INVOKE('echo'), headers: { 'x-amz-invocation-type': 'Sometimes' }, body: '{}' }),
        [400],
        ['InvalidParameterValueException'],
      ),
  },
  ...BAD_NAMES.flatMap((name): BadInputCase[] => [
    { name: `function name ${name.slice(0, 30)} (Invoke)`, check: async (e) => expectServiceError(await rawRequest(e.url, { path: INVOKE(name), body: '{}' }), ...NOT_FOUND) },
    { name: `function name ${name.slice(0, 30)} (stream)`, check: async (e) => expectServiceError(await rawRequest(e.url, { path: STREAM(name), body: '{}' }), ...NOT_FOUND) },
    { name: `function name ${name.slice(0, 30)} (URL)`, check: async (e) => expectServiceError(await rawRequest(e.url, { method: 'GET', path: `/lambda-url/${name}/x` }), ...NOT_FOUND) },
  ]),
  {
    name: 'a path climbing out of /functions/',
    check: async (e) =>
      expectServiceError(await rawRequest(e.url, { path: '/2015-03-31/functions/echo/../../../invocations', body: '{}' }), [404, 400], ['UnknownOperationException', 'ResourceNotFoundException']),
  },
  {
    name: 'unknown operation',
    check: async (e) => expectServiceError(await rawRequest(e.url, { method: 'GET', path: INVOKE('echo') }), [404], ['UnknownOperationException']),
  },
  {
    name: 'CR/LF in a prelude header value (provided runtime)',
    check: async (e) => expectBadGateway(await rawRequest(e.url, { method: 'GET', path: '/lambda-url/faulty/prelude-crlf' }), 'Runtime.InvalidResponse'),
  },
  {
    name: 'CR/LF in a head() header value (rx-lambda runtime)',
    check: async (e) => {
      const res = await rawRequest(e.url, { method: 'GET', path: '/lambda-url/inject/' });
      return res.status === 502 && !res.headers['set-cookie'] && !res.headers['x-test'] ? undefined : `got ${res.status} ${JSON.stringify(res.headers)}`;
    },
  },
  {
    name: 'CR/LF in an error type posted to /error',
    check: async (e) => {
      const res = await rawRequest(e.url, { method: 'GET', path: '/lambda-url/faulty/error-crlf' });
      return res.status === 502 && !res.headers['set-cookie'] ? undefined : `got ${res.status} ${JSON.stringify(res.headers)}`;
    },
  },
  {
    name: 'handler path outside the task root',
    async check() {
      let outside: FixtureEmulator;
      try {
        outside = await startFixtureEmulator([{ name: 'outside', handler: '../outside.echo' }]);
      } catch (error) {
        return error instanceof EmulatorConfigError ? undefined : `startEmulator failed with ${String(error)}`;
      }
      try {
        const res = await rawRequest(outside.url, { path: INVOKE('outside'), body: '{}' });
        if (res.body.includes('escaped')) return 'the module outside the task root ran';
        const type = (JSON.parse(res.body) as { errorType?: string }).errorType ?? '';
        return res.headers['x-amz-function-error'] && type.startsWith('Runtime.') ? undefined : `got ${res.status} ${res.body}`;
      } finally {
        await outside.close();
      }
    },
  },
];

/** A good invoke, to show the emulator still serves after each bad request. */
async function stillServes(emulator: FixtureEmulator, n: number): Promise<string | undefined> {
  const res = await rawRequest(emulator.url, { path: INVOKE('echo'), body: JSON.stringify({ n }) });
  try {
    const body = JSON.parse(res.body) as { echo?: { n?: number } };
    if (res.status === 200 && body.echo?.n === n) return undefined;
  } catch {
    // reported below
  }
  return `the next good invoke got ${res.status} ${res.body.slice(0, 200)}`;
}

const badInput: ReliabilityScenario = {
  name: 'emulator: bad input -> AWS-shaped error, the emulator keeps serving',
  ciRuns: CASES.length,
  longRuns: CASES.length * 40,
  async run(runs) {
    const failures: string[] = [];
    const emulator = await startFixtureEmulator([
      { name: 'echo', handler: 'handlers.echo', responseMode: 'buffered' },
      // One environment: a request that left it busy would stall every later call.
      { name: 'context', handler: 'handlers.clientContext', responseMode: 'buffered', concurrency: 1 },
      { name: 'inject', handler: 'handlers.injectHeader', invokeMode: 'RESPONSE_STREAM' },
      { name: 'faulty', handler: 'bootstrap.faulty', runtime: 'provided', invokeMode: 'RESPONSE_STREAM' },
    ]);
    try {
      for (let i = 0; i < runs; i++) {
        const badCase = CASES[i % CASES.length]!;
        const problem = await badCase.check(emulator).catch((error: unknown) => `the request failed: ${String(error)}`);
        if (problem) failures.push(`${badCase.name}: ${problem}`);
        const after = await stillServes(emulator, i);
        if (after) failures.push(`after ${badCase.name}: ${after}`);
      }
    } finally {
      await emulator.close();
    }
    return { runs, failures, lost: 0, notes: `${CASES.length} kinds of bad input` };
  },
};

export default badInput;
