import assert from 'node:assert/strict';
import { parseCommandLine } from '../../src/cli/parseCommandLine.js';

function output() {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: { stdout: { write: (t: string) => (out.stdout += t) }, stderr: { write: (t: string) => (out.stderr += t) } },
  };
}

describe('parseCommandLine', () => {
  it('returns the flags and positionals it was given', () => {
    const { io } = output();
    const line = parseCommandLine(['f.json', '--port', '9001'], { port: { type: 'string' } }, 'usage', io);
    assert.equal(line.kind, 'parsed');
    assert.ok(line.kind === 'parsed');
    assert.equal(line.values.port, '9001');
    assert.deepEqual(line.positionals, ['f.json']);
  });

  it('answers --help and -h with the usage on stdout and exit 0', () => {
    for (const flag of ['--help', '-h']) {
      const { io, out } = output();
      assert.deepEqual(parseCommandLine([flag], {}, 'usage: x', io), { kind: 'answered', exitCode: 0 });
      assert.equal(out.stdout, 'usage: x\n');
    }
  });

  it('answers an unknown flag with the error and the usage on stderr and exit 2', () => {
    const { io, out } = output();
    assert.deepEqual(parseCommandLine(['--nope'], {}, 'usage: x', io, 'cmd: '), { kind: 'answered', exitCode: 2 });
    assert.equal(out.stderr, 'cmd: unknown option --nope\nusage: x\n');
    assert.equal(out.stdout, '');
  });
});
