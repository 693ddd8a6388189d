import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

const REPO = new URL('../../', import.meta.url).pathname;
/** Preloaded before a bin: makes this Node report an older version. */
const pretend = (version: string) => `data:text/javascript,Object.defineProperty(process.versions,"node",{value:${JSON.stringify(version)}})`;

describe('the bins on an older Node.js', () => {
  for (const bin of ['bin/rx-lambda.js', 'bin/rx-lambda-bootstrap.js']) {
    it(`${bin} refuses Node 22.18 with a message naming the version it needs, not a stack trace`, () => {
      const result = spawnSync(process.execPath, ['--import', pretend('22.18.0'), bin, 'help'], { cwd: REPO, encoding: 'utf8', timeout: 20_000 });
      assert.equal(result.status, 1, `exit code (stderr: ${result.stderr})`);
      assert.match(result.stderr, /^rx-lambda needs Node\.js 22\.19 or later .* this is Node\.js 22\.18\.0/);
      assert.doesNotMatch(result.stderr, /\n\s+at /);
    });
  }

  it('lets Node 22.19 through', () => {
    const result = spawnSync(process.execPath, ['--import', pretend('22.19.0'), 'bin/rx-lambda.js', 'help'], { cwd: REPO, encoding: 'utf8', timeout: 20_000 });
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /rx-lambda package/);
  });
});
