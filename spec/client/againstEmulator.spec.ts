import { strict as assert } from 'node:assert';
import { lastValueFrom, type Observable, toArray } from 'rxjs';
import {
  FunctionError,
  httpResponse,
  invoke,
  invokeFunctionUrl,
  invokeStream,
  LambdaServiceError,
  lines,
  payload,
  sse,
  type HttpResponseEvent,
  type SseEvent,
} from '../../src/client/index.js';
import { invokeCommand } from '../../src/cli/invokeCommand.js';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { captureIo } from '../fixtures/client/captureIo.js';
import { TEST_CREDENTIALS } from '../fixtures/client/lambdaTestServer.js';
import { startSignalServer, type SignalServer } from '../emulator/support/signalServer.js';

const FIXTURES = 'spec/fixtures/client';

/**
 * Subscribes and resolves with the values emitted up to the first one `until` accepts, while
 * the subscription goes on; `rest` resolves with every value once the Observable completes.
 */
function watch<T>(source: Observable<T>, until: (value: T) => boolean): { first: Promise<T[]>; rest: Promise<T[]> } {
  const values: T[] = [];
  let markFirst!: (v: T[]) => void;
  let failFirst!: (e: unknown) => void;
  const first = new Promise<T[]>((resolve, reject) => ((markFirst = resolve), (failFirst = reject)));
  const rest = new Promise<T[]>((resolve, reject) =>
    source.subscribe({
      next(value) {
        values.push(value);
        if (until(value)) markFirst([...values]);
      },
      error(error: unknown) {
        failFirst(error);
        reject(error);
      },
      complete() {
        markFirst([...values]);
        resolve(values);
      },
    }),
  );
  return { first, rest };
}

describe('client against the emulator', function () {
  this.timeout(60_000);
  let emulator: Emulator;
  let signals: SignalServer;
  const logs: string[] = [];
  const target = () => ({ endpoint: emulator.url, credentials: TEST_CREDENTIALS, region: 'us-east-1' });

  before(async () => {
    signals = await startSignalServer();
    const environment = { SIGNAL_URL: signals.url };
    emulator = await startEmulator({
      log: (line) => logs.push(line),
      functions: [
        { name: 'rxLines', handler: `${FIXTURES}/rxFunctions.lines`, runtime: 'rx-lambda', environment, timeoutSeconds: 30 },
        { name: 'rxPage', handler: `${FIXTURES}/rxFunctions.page`, runtime: 'rx-lambda', environment, timeoutSeconds: 30, invokeMode: 'RESPONSE_STREAM' },
        { name: 'rxFailsLate', handler: `${FIXTURES}/rxFunctions.failsLate`, runtime: 'rx-lambda', environment, timeoutSeconds: 30 },
        { name: 'ricLines', handler: `${FIXTURES}/ricFunctions.lines`, runtime: 'nodejs', environment, timeoutSeconds: 30 },
        { name: 'ricBuffered', handler: `${FIXTURES}/ricFunctions.buffered`, runtime: 'nodejs' },
      ],
    });
  });

  after(async () => {
    await emulator?.close();
    await signals?.close();
  });

  for (const [runtime, name] of [
    ['rx-lambda runtime', 'rxLines'],
    ['aws-lambda-ric', 'ricLines'],
  ] as const) {
    it(`streams a function run by ${runtime}: the first line arrives while the function still runs`, async () => {
      const id = `${name}-1`;
      const { first, rest } = watch(
        invokeStream({ ...target(), functionName: name, payload: { id } }).pipe(lines()),
        (line) => line.startsWith('first'),
      );
      assert.deepEqual(await first, [`first ${id}`]);
      signals.release(id);
      assert.deepEqual(await rest, [`first ${id}`, 'second']);
    });
  }

  it('splits the HTTP-integration prelude of a streamed HTTP response with httpResponse()', async () => {
    const id = 'page-stream';
    const { first, rest } = watch(
      invokeStream({ ...target(), functionName: 'rxPage', payload: { id } }).pipe(httpResponse()),
      (event) => event.type === 'PayloadChunk',
    );
    const head = (await first)[0]!;
    assert.deepEqual(head, {
      type: 'Head',
      statusCode: 201,
      headers: { 'content-type': 'text/event-stream', 'x-page': 'yes' },
      cookies: ['s=1'],
    });
    signals.release(id);
    const body = (await rest).slice(1).map((e) => (e.type === 'PayloadChunk' ? Buffer.from(e.payload).toString() : ''));
    assert.equal(body.join(''), 'data: one\n\nevent: done\ndata: two\n\n');
  });

  it('reads a Function URL stream: head first, then server-sent events as they are written', async () => {
    const key = 'url-stream';
    const source = invokeFunctionUrl(`${emulator.url}/lambda-url/rxPage/events?key=${key}`);
    const head = watch<HttpResponseEvent>(source, () => true);
    const [first] = await head.first;
    assert.ok(first?.type === 'Head');
    assert.equal(first.statusCode, 201);
    assert.equal(first.headers['content-type'], 'text/event-stream');
    assert.equal(first.headers['x-page'], 'yes');
    const key2 = `${key}-2`;
    const events = watch<SseEvent>(invokeFunctionUrl(`${emulator.url}/lambda-url/rxPage/events?key=${key2}`).pipe(sse()), () => true);
    assert.deepEqual(await events.first, [{ event: 'message', data: 'one' }]);
    signals.release(key2);
    assert.deepEqual(await events.rest, [
      { event: 'message', data: 'one' },
      { event: 'done', data: 'two' },
    ]);
    signals.release(key);
    await head.rest;
  });

  it('turns a failure after the first byte into InvokeComplete.errorCode and payload() into FunctionError', async () => {
    const id = 'fails-late';
    const events = watch(invokeStream({ ...target(), functionName: 'rxFailsLate', payload: { id } }), (e) => e.type === 'PayloadChunk');
    await events.first;
    signals.release(id);
    const all = await events.rest;
    const complete = all.at(-1)!;
    assert.ok(complete.type === 'InvokeComplete');
    assert.ok(complete.errorCode, 'InvokeComplete carries an error code');
    await assert.rejects(
      lastValueFrom(invokeStream({ ...target(), functionName: 'rxFailsLate', payload: { id } }).pipe(payload())),
      FunctionError,
    );
  });

  it('invokes a buffered function, and types an unknown function as ResourceNotFoundException', async () => {
    const result = await lastValueFrom(invoke({ ...target(), functionName: 'ricBuffered', payload: { a: 2, b: 3 } }));
    assert.deepEqual(JSON.parse(Buffer.from(result.payload).toString()), { sum: 5 });
    await assert.rejects(
      lastValueFrom(invokeStream({ ...target(), functionName: 'nope' }).pipe(toArray())),
      (error: unknown) => error instanceof LambdaServiceError && error.name === 'ResourceNotFoundException' && error.statusCode === 404,
    );
  });

  it('rx-lambda invoke --stream prints the streamed payload', async () => {
    const id = 'cli-stream';
    signals.release(id);
    const { io, out } = captureIo();
    const code = await invokeCommand(['ricLines', '--stream', '--payload', JSON.stringify({ id }), '--endpoint', emulator.url], io);
    assert.equal(code, 0);
    assert.equal(out(), `first ${id}\nsecond\n`);
  });
});
