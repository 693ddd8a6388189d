import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { LOCAL_AUTHORIZATION } from '../../../reliability/scenarios/support/rawRequest.js';
import { processRunning } from '../../../reliability/scenarios/support/resources.js';
import { startEmulator, type Emulator } from '../../../src/emulator/index.js';
import { lambdaClient, text } from '../support/lambdaClient.js';

const FIXTURES = 'spec/fixtures/emulator';
/** Longest a function process may outlive a killed emulator, ms. */
const ORPHAN_GONE_WITHIN_MS = 5_000;
/** Longest the emulator CLI may take to listen, ms. */
const LISTEN_WITHIN_MS = 10_000;

describe('ExecutionEnvironment', () => {
  describe('memoryMB', () => {
    let emulator: Emulator;
    let lambda: LambdaClient;

    before(async () => {
      emulator = await startEmulator({
        log: () => undefined,
        functions: [
          { name: 'limit256', handler: `${FIXTURES}/memory.heapLimit`, runtime: 'nodejs', memoryMB: 256 },
          { name: 'limitRx', handler: `${FIXTURES}/memory.heapLimit`, memoryMB: 512 },
          { name: 'hog', handler: `${FIXTURES}/memory.hog`, runtime: 'nodejs', memoryMB: 128, timeoutSeconds: 15 },
        ],
      });
      lambda = lambdaClient(emulator.url);
    });

    after(async () => {
      lambda?.destroy();
      await emulator?.close();
    });

    it('gives a Node function the heap limit its memory size gives it on Lambda, under either runtime', async () => {
      for (const [name, memoryMB] of [['limit256', 256], ['limitRx', 512]] as const) {
        const out = await lambda.send(new InvokeCommand({ FunctionName: name, Payload: '{}' }));
        const { heapLimitMB } = JSON.parse(text(out.Payload)) as { heapLimitMB: number };
        // Old space is 90% of the memory; V8's limit adds the young generation on top. Node's own default is gigabytes.
        assert.ok(heapLimitMB >= memoryMB * 0.8 && heapLimitMB <= memoryMB * 1.25, `${name}: a ${memoryMB} MB function has a ${heapLimitMB} MB heap`);
      }
    });

    it('reports a function that outgrows its memory as Runtime.OutOfMemory', async () => {
      const out = await lambda.send(new InvokeCommand({ FunctionName: 'hog', Payload: '{}' }));
      assert.equal(out.FunctionError, 'Unhandled');
      const error = JSON.parse(text(out.Payload)) as { errorType: string; errorMessage: string };
      assert.equal(error.errorType, 'Runtime.OutOfMemory', text(out.Payload));
      assert.match(error.errorMessage, /^RequestId: \S+ Error: Runtime exited with error/);
    });
  });

  it("ends a busy function process when the emulator's process is killed", async () => {
    const serve = spawn(
      process.execPath,
      ['--import', 'tsx', 'spec/emulator/support/runCli.ts', 'serve', `${FIXTURES}/memory.hangWithPid`, '--runtime', 'nodejs', '--port', '0'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      let output = '';
      const seen = (pattern: RegExp, what: string): Promise<RegExpExecArray> =>
        new Promise((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`${what} not seen within ${LISTEN_WITHIN_MS} ms: ${output}`)), LISTEN_WITHIN_MS);
          const check = (chunk: Buffer): void => {
            output += chunk.toString();
            const match = pattern.exec(output);
            if (match) {
              clearTimeout(timer);
              resolve(match);
            }
          };
          serve.stdout.on('data', check);
          serve.stderr.on('data', check);
        });
      const url = (await seen(/listening on (http:\/\/127\.0\.0\.1:\d+)/, 'the emulator listening'))[1]!;
      const call = new AbortController();
      void fetch(`${url}/2015-03-31/functions/memory/invocations`, {
        method: 'POST',
        headers: { authorization: LOCAL_AUTHORIZATION },
        body: '{}',
        signal: call.signal,
      }).catch(() => undefined);
      const pid = Number((await seen(/function pid (\d+)/, 'the busy function'))[1]);
      assert.ok(processRunning(pid));
      serve.kill('SIGKILL');
      call.abort();
      const end = Date.now() + ORPHAN_GONE_WITHIN_MS;
      while (processRunning(pid) && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 20));
      assert.ok(!processRunning(pid), `function process ${pid} still running ${ORPHAN_GONE_WITHIN_MS} ms after the emulator was killed`);
    } finally {
      serve.kill('SIGKILL');
    }
  });
});
