import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { lastValueFrom, type Observable, of, toArray } from 'rxjs';
import { httpResponse, invoke, invokeFunctionUrl, invokeStream, type StreamEvent } from '../../src/client/index.js';
import { startEmulator } from '../../src/emulator/index.js';
import { InvalidHeaderError, PreludeDecodeError, RxLambdaError } from '../../src/errors.js';
import { encodeHttpPrelude } from '../../src/wire/index.js';
import { settle } from '../fixtures/client/settle.js';
import { startFixtureEmulator, TASK_ROOT } from '../../reliability/scenarios/support/fixtureEmulator.js';
import { startEventStream, startLambdaTestServer } from '../fixtures/client/lambdaTestServer.js';

/** Credentials whose every part is easy to find in any text. */
const MARKED = {
  accessKeyId: 'AKIDMARKEDACCESSKEY1',
  secretAccessKey: 'marked-secret-access-key-2',
  sessionToken: 'marked-session-token-3',
};
const MARKS = [MARKED.accessKeyId, MARKED.secretAccessKey, MARKED.sessionToken];

function leaks(text: string): string[] {
  return MARKS.filter((mark) => text.includes(mark));
}

/** Everything written to stdout and stderr while `work` runs. */
async function captureOutput(work: () => Promise<void>): Promise<string> {
  const written: string[] = [];
  const original = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };
  const tap = (chunk: unknown): boolean => {
    written.push(String(chunk));
    return true;
  };
  process.stdout.write = tap as typeof process.stdout.write;
  process.stderr.write = tap as typeof process.stderr.write;
  try {
    await work();
  } finally {
    process.stdout.write = original.out;
    process.stderr.write = original.err;
  }
  return written.join('');
}

/** Every text an error offers: message, stack, causes, inspected form. */
function errorText(error: unknown): string {
  return [String(error), (error as Error | undefined)?.stack ?? '', inspect(error, { depth: 10 })].join('\n');
}

describe('security', function () {
  this.timeout(30_000);

  describe('startEmulator', () => {
    it('listens on loopback by default, and runs each Runtime API on loopback even when told to listen widely', async () => {
      const local = await startFixtureEmulator([{ name: 'where', handler: 'handlers.where', responseMode: 'buffered' }]);
      const wide = await startEmulator({
        host: '0.0.0.0',
        taskRoot: TASK_ROOT,
        log: () => undefined,
        functions: [{ name: 'where', handler: 'handlers.where', responseMode: 'buffered' }],
      });
      try {
        assert.match(local.url, /^http:\/\/127\.0\.0\.1:\d+$/);
        assert.match(wide.url, /^http:\/\/0\.0\.0\.0:\d+$/);
        for (const endpoint of [local.url, wide.url.replace('0.0.0.0', '127.0.0.1')]) {
          const [result] = await lastValueFrom(
            invoke({ functionName: 'where', endpoint, region: 'us-east-1', credentials: MARKED, retry: false }).pipe(toArray()),
          );
          const { runtimeApi } = JSON.parse(Buffer.from(result!.payload).toString()) as { runtimeApi: string };
          assert.match(runtimeApi, /^127\.0\.0\.1:\d+$/);
        }
      } finally {
        await local.close();
        await wide.close();
      }
    });
  });

  describe('HTTP-integration preludes', () => {
    it('cannot carry CR/LF into a header: refused when encoded and when read by the client', async () => {
      assert.throws(
        () => encodeHttpPrelude({ statusCode: 200, headers: { 'x-test': 'a\r\nset-cookie: pwned=1' } }),
        InvalidHeaderError,
      );
      assert.throws(() => encodeHttpPrelude({ statusCode: 200, cookies: ['a=1\r\nx-injected: 1'] }), InvalidHeaderError);
      const prelude = JSON.stringify({ statusCode: 200, headers: { 'x-test': 'a\r\nset-cookie: pwned=1' } });
      const events: StreamEvent[] = [
        { type: 'PayloadChunk', payload: Buffer.concat([Buffer.from(prelude), Buffer.alloc(8), Buffer.from('body')]) },
        { type: 'InvokeComplete' },
      ];
      const read = await settle(of(...events).pipe(httpResponse()));
      assert.deepEqual(read.values, []);
      assert.ok(read.error instanceof InvalidHeaderError || read.error instanceof PreludeDecodeError, String(read.error));
    });
  });

  describe('credentials', () => {
    it('never appear in the client errors or output, whatever fails', async () => {
      const server = await startLambdaTestServer((req, res) => {
        if (req.url.includes('/denied/')) {
          res.writeHead(403, { 'x-amzn-errortype': 'AccessDeniedException', 'content-type': 'application/json' });
          res.end(JSON.stringify({ message: 'not allowed' }));
        } else {
          startEventStream(res);
          res.write(Buffer.from([0, 0, 0, 40, 0, 0, 0, 0]), () => res.socket?.destroy());
        }
      });
      const errors: unknown[] = [];
      const output = await captureOutput(async () => {
        const target = { endpoint: server.url, region: 'us-east-1', credentials: MARKED, retry: false as const };
        const sources: Observable<unknown>[] = [
          invokeStream({ ...target, functionName: 'denied' }),
          invokeStream({ ...target, functionName: 'cut' }),
          invoke({ ...target, functionName: 'denied' }),
          invokeStream({ ...target, endpoint: 'http://127.0.0.1:1', functionName: 'refused' }),
          invokeFunctionUrl(`${server.url}/denied/`, { auth: 'iam', region: 'us-east-1', credentials: MARKED, retry: false }),
        ];
        for (const source of sources) errors.push((await settle(source)).error);
      });
      await server.close();
      assert.ok(errors.slice(0, 4).every((e) => e instanceof RxLambdaError), errors.map(String).join('\n'));
      // The requests were signed with the marked key, so it did travel, in the Authorization header only.
      assert.ok(server.requests.some((r) => String(r.headers.authorization).includes(MARKED.accessKeyId)));
      assert.deepEqual(leaks(errors.map(errorText).join('\n')), []);
      assert.deepEqual(leaks(output), []);
    });

    it('never appear in the emulator log, nor in what it answers, while functions fail in every way', async () => {
      const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY, token: process.env.AWS_SESSION_TOKEN };
      // The emulator hands these on to functions, as Lambda hands a role's credentials.
      process.env.AWS_ACCESS_KEY_ID = MARKED.accessKeyId;
      process.env.AWS_SECRET_ACCESS_KEY = MARKED.secretAccessKey;
      process.env.AWS_SESSION_TOKEN = MARKED.sessionToken;
      const emulator = await startFixtureEmulator([
        { name: 'fail', handler: 'handlers.fail', responseMode: 'buffered' },
        { name: 'missing', handler: 'handlers.missing' },
        { name: 'never', handler: 'handlers.never', timeoutSeconds: 1 },
        { name: 'faulty', handler: 'bootstrap.faulty', runtime: 'provided', invokeMode: 'RESPONSE_STREAM' },
      ]);
      const answers: string[] = [];
      try {
        const target = { endpoint: emulator.url, region: 'us-east-1', credentials: MARKED, retry: false as const };
        const sources: Observable<unknown>[] = [
          invoke({ ...target, functionName: 'fail', payload: { a: 1 }, logType: 'Tail' }),
          invokeStream({ ...target, functionName: 'missing', logType: 'Tail' }),
          invokeStream({ ...target, functionName: 'never', logType: 'Tail' }),
          invoke({ ...target, functionName: 'nothing-here' }),
          invokeStream({ ...target, functionName: 'faulty', payload: { do: 'error-crlf' } }),
        ];
        for (const source of sources) {
          const { values, error } = await settle(source);
          answers.push(inspect(values, { depth: 10 }), errorText(error));
        }
      } finally {
        await emulator.close();
        for (const [name, value] of [
          ['AWS_ACCESS_KEY_ID', saved.id],
          ['AWS_SECRET_ACCESS_KEY', saved.secret],
          ['AWS_SESSION_TOKEN', saved.token],
        ] as const) {
          if (value === undefined) delete process.env[name];
          else process.env[name] = value;
        }
      }
      assert.ok(emulator.logs.some((line) => line.includes('failing for')), 'the function errors were logged');
      assert.deepEqual(leaks(emulator.logs.join('\n')), []);
      assert.deepEqual(leaks(answers.join('\n')), []);
    });
  });
});
