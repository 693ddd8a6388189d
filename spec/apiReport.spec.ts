import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_REPORT_PATH, renderApiReport } from '../scripts/apiReport.js';

const root = new URL('../', import.meta.url).pathname;

/** The rows of one subpath's section, as `name kind` strings. */
function section(report: string, subpath: string): string[] {
  const start = report.indexOf(`## \`${subpath}\`\n`);
  assert.ok(start >= 0, `no section for ${subpath} in the report`);
  const end = report.indexOf('\n## ', start + 1);
  return report
    .slice(start, end < 0 ? undefined : end)
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => line.replace(/^\| `([^`]+)` \| (\w+) \|$/, '$1 $2'));
}

describe('the public API report', () => {
  let report = '';
  before(() => {
    report = renderApiReport(root);
  });

  it('lists exactly what each subpath of package.json exports (npm run api-report accepts a deliberate change)', () => {
    const checkedIn = readFileSync(join(root, API_REPORT_PATH), 'utf8');
    assert.equal(
      report,
      checkedIn,
      `the public surface differs from ${API_REPORT_PATH}: if the change is meant, run \`npm run api-report\` and commit the file`,
    );
  });

  it('has a section for every subpath in package.json exports', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };
    for (const key of Object.keys(pkg.exports)) {
      if (key === './package.json') continue;
      section(report, key === '.' ? 'rx-lambda' : `rx-lambda/${key.slice(2)}`);
    }
  });

  it('keeps the contract names: ndjson() and sse() encode in rx-lambda and decode in rx-lambda/client', () => {
    for (const subpath of ['rx-lambda', 'rx-lambda/client']) {
      const rows = section(report, subpath);
      assert.ok(rows.includes('ndjson function'), `${subpath} exports ndjson()`);
      assert.ok(rows.includes('sse function'), `${subpath} exports sse()`);
    }
    for (const name of ['invokeStream', 'invoke', 'invokeFunctionUrl', 'payload', 'text', 'lines', 'httpResponse']) {
      assert.ok(section(report, 'rx-lambda/client').includes(`${name} function`), `rx-lambda/client exports ${name}()`);
    }
    assert.ok(section(report, 'rx-lambda/runtime').includes('startRuntime function'));
    assert.ok(section(report, 'rx-lambda/emulator').includes('startEmulator function'));
    assert.ok(section(report, 'rx-lambda/testing').includes('invokeHandler function'));
  });

  it('keeps the command-line entry points out of the library subpaths', () => {
    for (const subpath of ['rx-lambda', 'rx-lambda/client', 'rx-lambda/emulator', 'rx-lambda/runtime']) {
      const commands = section(report, subpath).filter((row) => /Command /.test(row));
      assert.deepEqual(commands, [], `${subpath} exports no command-line function`);
    }
  });
});
