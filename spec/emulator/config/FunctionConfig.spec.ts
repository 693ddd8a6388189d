import assert from 'node:assert/strict';
import { EmulatorConfigError } from '../../../src/errors.js';
import { resolveFunctionConfig } from '../../../src/emulator/config/FunctionConfig.js';

describe('resolveFunctionConfig', () => {
  it('passes on an environment a process can carry', () => {
    const fn = resolveFunctionConfig({ name: 'f', handler: 'f.handler', environment: { _PRIVATE: 'x', TABLE_1: 'naïve ☃' } }, process.cwd());
    assert.deepEqual(fn.environment, { _PRIVATE: 'x', TABLE_1: 'naïve ☃' });
  });

  for (const [what, environment] of [
    ['a name with =', { 'A=B': 'x' }],
    ['a name with a space', { 'A B': 'x' }],
    ['a name starting with a digit', { '1A': 'x' }],
    ['an empty name', { '': 'x' }],
    ['a value with NUL', { A: 'x\0y' }],
  ] as const) {
    it(`refuses ${what} with EmulatorConfigError before any process starts`, () => {
      assert.throws(() => resolveFunctionConfig({ name: 'f', handler: 'f.handler', environment }, process.cwd()), EmulatorConfigError);
    });
  }
});
