import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { exampleFunctions } from '../../examples/exampleFunctions.js';

const REPO = new URL('../../', import.meta.url).pathname;

/** What each documented command must print (a small file for large-file). */
const COMMANDS: readonly { readonly args: readonly string[]; readonly prints: RegExp }[] = [
  { args: ['examples/run.ts', 'buffered-json'], prints: /"greeting": "hello, reader"/ },
  { args: ['examples/run.ts', 'token-stream'], prints: /rx-lambda turns each emission of an Observable into bytes on the wire\./ },
  { args: ['examples/run.ts', 'large-file', '{"sizeMiB":8}'], prints: /8388608 bytes in [\d.]+ s[\s\S]*peak \d+ MiB/ },
  { args: ['examples/run.ts', 'http-response'], prints: /HTTP 200[\s\S]*set-cookie: visits=42[\s\S]*HTTP 201/ },
  { args: ['examples/run.ts', 'sse-events'], prints: /event: done {2}id: 5 {2}data: all steps finished/ },
  { args: ['examples/run.ts', 'sqs-batch'], prints: /"itemIdentifier": "m-2"[\s\S]*"itemIdentifier": "m-3"/ },
  { args: ['examples/run.ts', 'scheduled-job'], prints: /"rule": "nightly-report"/ },
  { args: ['examples/run.ts', 'ndjson-feed'], prints: /\{"seq":11,"symbol":"INITECH","price":106\}/ },
  { args: ['examples/run.ts', 'managed-runtime'], prints: /served by aws-lambda-ric through streamifyHandler/ },
  { args: ['examples/run.ts', 'browser-page'], prints: /open http:\/\/127\.0\.0\.1:\d+\/lambda-url\/browser-page\/ in a browser/ },
  { args: ['examples/run.ts', 'hono-app'], prints: /GET \/api\/hello\?name=reader\nHTTP 200[\s\S]*"hello":"reader"[\s\S]*line 5 of 5[\s\S]*event: tick[\s\S]*HTTP 301\nlocation: \/api\/hello/ },
  { args: ['examples/run.ts', 'hono-app-buffered'], prints: /"hello":"reader"[\s\S]*line 5 of 5[\s\S]*HTTP 301/ },
  { args: ['examples/run.ts', 'hono-app-managed'], prints: /"hello":"reader"[\s\S]*line 5 of 5[\s\S]*HTTP 301/ },
  { args: ['examples/run.ts', 'compressed-feed'], prints: /accept-encoding: identity +content-encoding: - +(\d+) bytes[\s\S]*accept-encoding: gzip +content-encoding: gzip +\d+ bytes/ },
  { args: ['examples/run.ts', 'compressed-feed-buffered'], prints: /accept-encoding: br +content-encoding: br +\d+ bytes/ },
  { args: ['examples/run.ts', 'chat-stream'], prints: /x-vercel-ai-ui-message-stream: v1[\s\S]*"type":"text-delta"[\s\S]*data: \[DONE\]/ },
  { args: ['examples/ndjsonClient.ts'], prints: /INITECH +quote #4 +last 106\.00 +average 100\.50/ },
];

describe('examples/run', function () {
  this.timeout(60_000);
  let temp: string;
  before(() => {
    temp = mkdtempSync(join(tmpdir(), 'rx-lambda-run-'));
  });
  after(() => rmSync(temp, { recursive: true, force: true }));

  it('has a command for every function in functions.json', () => {
    const covered = new Set(COMMANDS.filter((c) => c.args[0] === 'examples/run.ts').map((c) => c.args[1]));
    assert.deepEqual(exampleFunctions().map((fn) => fn.name).filter((name) => !covered.has(name)), []);
  });

  for (const { args, prints } of COMMANDS) {
    it(`runs: npx tsx ${args.join(' ')}`, async () => {
      const { stdout } = await promisify(execFile)(process.execPath, ['--import=tsx', ...args], {
        cwd: REPO,
        env: { ...process.env, TMPDIR: temp },
      });
      assert.match(stdout, prints);
    });
  }

  it('exits 2 with the list of examples for an unknown one', async () => {
    await assert.rejects(promisify(execFile)(process.execPath, ['--import=tsx', 'examples/run.ts', 'nope'], { cwd: REPO }), (error: { code?: number; stderr?: string }) => {
      assert.equal(error.code, 2);
      assert.match(error.stderr ?? '', /examples: buffered-json, token-stream/);
      return true;
    });
  });
});
