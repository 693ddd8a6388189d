import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { request } from 'undici';
import { Invocation, type InvocationConsumer } from '../../../src/emulator/environments/Invocation.js';
import type { InvocationOutcome } from '../../../src/emulator/environments/InvocationOutcome.js';
import { RuntimeApiServer } from '../../../src/emulator/runtimeApi/RuntimeApiServer.js';
import { BUFFERED_RESPONSE_MAX_BYTES } from '../../../src/limits.js';
import { encodeErrorTrailer } from '../../../src/wire/index.js';

interface Recorded {
  contentType?: string;
  chunks: Buffer[];
  outcome: Promise<InvocationOutcome>;
}

function recordingInvocation(): { invocation: Invocation; recorded: Recorded } {
  let resolve!: (outcome: InvocationOutcome) => void;
  const recorded: Recorded = { chunks: [], outcome: new Promise((r) => (resolve = r)) };
  const consumer: InvocationConsumer = {
    start: (contentType) => void (recorded.contentType = contentType),
    write: (bytes) => void recorded.chunks.push(Buffer.from(bytes)),
    end: (outcome) => resolve(outcome),
  };
  const invocation = new Invocation({
    payload: Buffer.from('{"n":1}'),
    functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:f',
    timeoutSeconds: 5,
    consumer,
  });
  return { invocation, recorded };
}

describe('RuntimeApiServer', () => {
  let api: RuntimeApiServer;
  let base: string;
  let address: string;
  const delivered: Invocation[] = [];

  beforeEach(async () => {
    api = new RuntimeApiServer({ delivered: (i) => delivered.push(i), initError: () => undefined });
    address = await api.listen();
    base = `http://${address}/2018-06-01/runtime`;
  });

  afterEach(() => api.close());

  async function next(): Promise<{ requestId: string; invocationId: string; deadline: number; body: unknown }> {
    const res = await request(`${base}/invocation/next`);
    assert.equal(res.statusCode, 200);
    return {
      requestId: String(res.headers['lambda-runtime-aws-request-id']),
      invocationId: String(res.headers['lambda-runtime-invocation-id']),
      deadline: Number(res.headers['lambda-runtime-deadline-ms']),
      body: await res.body.json(),
    };
  }

  async function post(path: string, body: string | Buffer, headers: Record<string, string> = {}) {
    const res = await request(`${base}${path}`, { method: 'POST', body, headers });
    return { status: res.statusCode, body: (await res.body.json()) as Record<string, string> };
  }

  it('fails an invocation whose client context no header can carry, and hands /next the next invocation', async () => {
    const bad = new Invocation({
      payload: Buffer.from('{}'),
      functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:f',
      timeoutSeconds: 5,
      clientContext: '{"a":"b"}\r\nX-Injected: 1',
      consumer: { start: () => undefined, write: () => undefined, end: () => undefined },
    });
    const waiting = next();
    await new Promise((resolve) => setTimeout(resolve, 20));
    api.assign(bad);
    assert.equal((await bad.done).kind, 'error');
    const good = recordingInvocation();
    api.assign(good.invocation);
    const got = await waiting;
    assert.equal(got.requestId, good.invocation.requestId, 'the waiting /next gets the next invocation, not the bad one');
  });

  it('holds /next until an invocation is assigned, then delivers it with its headers', async () => {
    const { invocation } = recordingInvocation();
    const pending = next();
    setImmediate(() => api.assign(invocation));
    const got = await pending;
    assert.equal(got.requestId, invocation.requestId);
    assert.equal(got.invocationId, invocation.invocationId);
    assert.deepEqual(got.body, { n: 1 });
    assert.equal(got.deadline, invocation.deadlineMs);
    assert.equal(invocation.deadlineMs - invocation.startedMs, 5000);
    assert.ok(delivered.includes(invocation));
  });

  it('lets a /next that overtakes the response wait, and still takes the response', async () => {
    const { invocation, recorded } = recordingInvocation();
    api.assign(invocation);
    const { requestId } = await next();
    let nextAnswered = false;
    const early = request(`${base}/invocation/next`).then((res) => {
      nextAnswered = true;
      return res;
    });
    // The early /next must have reached the server before the response does.
    await new Promise<void>((resolve) => {
      const check = (): void => void (api.waitingForNext ? resolve() : setImmediate(check));
      check();
    });
    assert.equal((await post(`/invocation/${requestId}/response`, '"late but fine"')).status, 202);
    assert.deepEqual(await recorded.outcome, { kind: 'success' });
    assert.equal(Buffer.concat(recorded.chunks).toString(), '"late but fine"');
    assert.equal(nextAnswered, false);
    const second = recordingInvocation();
    api.assign(second.invocation);
    const res = await early;
    assert.equal(res.headers['lambda-runtime-aws-request-id'], second.invocation.requestId);
    await res.body.dump();
  });

  it('accepts a buffered response once (202), then answers 403 to a second one', async () => {
    const { invocation, recorded } = recordingInvocation();
    api.assign(invocation);
    const { requestId } = await next();
    assert.equal((await post(`/invocation/${requestId}/response`, '{"ok":true}')).status, 202);
    assert.deepEqual(await recorded.outcome, { kind: 'success' });
    assert.equal(Buffer.concat(recorded.chunks).toString(), '{"ok":true}');
    const second = await post(`/invocation/${requestId}/response`, '{}');
    assert.equal(second.status, 403);
  });

  it('answers a wrong request id with 400 InvalidRequestID', async () => {
    const { invocation } = recordingInvocation();
    api.assign(invocation);
    await next();
    const res = await post('/invocation/not-the-id/response', '{}');
    assert.equal(res.status, 400);
    assert.equal(res.body.errorType, 'InvalidRequestID');
  });

  it('answers a request id with a malformed percent escape with 400 InvalidRequestID', async () => {
    const { invocation } = recordingInvocation();
    api.assign(invocation);
    await next();
    const res = await post('/invocation/%E0%A4%A/response', '{}');
    assert.equal(res.status, 400);
    assert.equal(res.body.errorType, 'InvalidRequestID');
  });

  it('answers a mismatched Lambda-Runtime-Invocation-Id with 400', async () => {
    const { invocation } = recordingInvocation();
    api.assign(invocation);
    const { requestId } = await next();
    const res = await post(`/invocation/${requestId}/response`, '{}', { 'lambda-runtime-invocation-id': 'other' });
    assert.equal(res.status, 400);
  });

  it('answers a response mode other than streaming with 400', async () => {
    const { invocation } = recordingInvocation();
    api.assign(invocation);
    const { requestId } = await next();
    const res = await post(`/invocation/${requestId}/response`, '{}', { 'lambda-runtime-function-response-mode': 'buffered' });
    assert.equal(res.status, 400);
    assert.equal(invocation.state, 'delivered');
  });

  it('accepts a buffered body of exactly 6,291,556 bytes', async () => {
    const { invocation, recorded } = recordingInvocation();
    api.assign(invocation);
    const { requestId } = await next();
    const res = await post(`/invocation/${requestId}/response`, Buffer.alloc(BUFFERED_RESPONSE_MAX_BYTES, 0x61));
    assert.equal(res.status, 202);
    assert.equal((await recorded.outcome).kind, 'success');
  });

  it('answers a buffered body over 6,291,556 bytes with 413 and fails with Function.ResponseSizeTooLarge', async () => {
    const { invocation, recorded } = recordingInvocation();
    api.assign(invocation);
    const { requestId } = await next();
    const res = await post(`/invocation/${requestId}/response`, Buffer.alloc(BUFFERED_RESPONSE_MAX_BYTES + 1, 0x61));
    assert.equal(res.status, 413);
    const outcome = await recorded.outcome;
    assert.equal(outcome.kind === 'error' && outcome.errorType, 'Function.ResponseSizeTooLarge');
  });

  it('answers a response after the invocation timed out with 410', async () => {
    const { invocation, recorded } = recordingInvocation();
    api.assign(invocation);
    const { requestId } = await next();
    api.settle(invocation, { kind: 'error', errorType: 'Sandbox.Timedout', errorMessage: 't', body: Buffer.from('{}') }, true);
    await recorded.outcome;
    assert.equal((await post(`/invocation/${requestId}/response`, '{}')).status, 410);
    assert.equal((await post(`/invocation/${requestId}/error`, '{}')).status, 410);
  });

  it('takes /error before the response with its error type, and 403 after a response began', async () => {
    const { invocation, recorded } = recordingInvocation();
    api.assign(invocation);
    const { requestId } = await next();
    const res = await post(`/invocation/${requestId}/error`, '{"errorType":"Oops","errorMessage":"bad"}', {
      'lambda-runtime-function-error-type': 'Function.Oops',
      'content-type': 'application/vnd.aws.lambda.error+json',
    });
    assert.equal(res.status, 202);
    const outcome = await recorded.outcome;
    assert.equal(outcome.kind, 'error');
    assert.equal(outcome.kind === 'error' && outcome.errorType, 'Function.Oops');
    assert.equal(outcome.kind === 'error' && outcome.errorMessage, 'bad');
    assert.equal((await post(`/invocation/${requestId}/error`, '{}')).status, 403);
  });

  it('streams a chunked response and reads the error trailers', async () => {
    const { invocation, recorded } = recordingInvocation();
    api.assign(invocation);
    const { requestId } = await next();
    const trailer = encodeErrorTrailer({ errorType: 'Boom', errorMessage: 'late failure', stackTrace: [] });
    const status = await rawRequest(
      address,
      `POST /2018-06-01/runtime/invocation/${requestId}/response HTTP/1.1\r\nHost: x\r\n` +
        'Lambda-Runtime-Function-Response-Mode: streaming\r\nTransfer-Encoding: chunked\r\nContent-Type: text/plain\r\n' +
        'Trailer: Lambda-Runtime-Function-Error-Type, Lambda-Runtime-Function-Error-Body\r\n\r\n' +
        `5\r\nhello\r\n0\r\nLambda-Runtime-Function-Error-Type: Function.Boom\r\nLambda-Runtime-Function-Error-Body: ${trailer}\r\n\r\n`,
    );
    assert.match(status, /^HTTP\/1.1 202/);
    assert.equal(recorded.contentType, 'text/plain');
    assert.equal(Buffer.concat(recorded.chunks).toString(), 'hello');
    const outcome = await recorded.outcome;
    assert.equal(outcome.kind === 'error' && outcome.errorType, 'Function.Boom');
    assert.equal(outcome.kind === 'error' && outcome.errorMessage, 'late failure');
  });

  it('fails a truncated chunked response with Runtime.TruncatedResponse', async () => {
    const { invocation, recorded } = recordingInvocation();
    api.assign(invocation);
    const { requestId } = await next();
    await rawRequest(
      address,
      `POST /2018-06-01/runtime/invocation/${requestId}/response HTTP/1.1\r\nHost: x\r\n` +
        'Lambda-Runtime-Function-Response-Mode: streaming\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel',
      true,
    );
    const outcome = await recorded.outcome;
    assert.equal(outcome.kind === 'error' && outcome.errorType, 'Runtime.TruncatedResponse');
  });
});

/** Sends raw HTTP bytes; resolves with the first line of the answer, or '' when `cut` closes the socket after writing. */
function rawRequest(address: string, bytes: string, cut = false): Promise<string> {
  const [host, port] = address.split(':');
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), host!, () => {
      socket.write(bytes, () => {
        if (cut) {
          socket.destroy();
          resolve('');
        }
      });
    });
    let answer = '';
    socket.on('data', (chunk) => {
      answer += String(chunk);
      if (answer.includes('\r\n')) {
        socket.destroy();
        resolve(answer.split('\r\n')[0]!);
      }
    });
    socket.on('error', reject);
  });
}
