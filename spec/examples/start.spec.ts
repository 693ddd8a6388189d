import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';

const REPO = new URL('../../', import.meta.url).pathname;
/** npm start must finish well within this, cold starts included. Source: the issue (under 30 s). */
const START_BUDGET_MS = 30_000;

describe('npm start (examples/start.ts)', function () {
  this.timeout(START_BUDGET_MS);

  it('streams an example with a status line, then a buffered and an HTTP example, and exits 0', async () => {
    const child = spawn(process.execPath, ['--import=tsx', 'examples/start.ts'], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    assert.equal(code, 0, stderr);
    assert.match(stdout, /1\. token-stream[\s\S]*You asked: What does npm start show\?\nStreaming lets a Lambda function/);
    assert.match(stdout, /2\. buffered-json[\s\S]*"greeting":"hello, npm start"/);
    assert.match(stdout, /3\. http-response[\s\S]*HTTP 200[\s\S]*set-cookie: visits=2; Path=\/; HttpOnly[\s\S]*\{"hello":"npm start","visits":2\}/);
    assert.match(stderr, /\[token-stream\] \d+ B · (\d+) chunks · first byte \d+ ms · [\d.]+ s · streamed over [\d.]+ s/);
    assert.match(stderr, /\[buffered-json\] \d+ B · 1 chunk · first byte \d+ ms · [\d.]+ s · buffered \(one piece\)/);
  });
});
