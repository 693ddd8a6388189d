import assert from 'node:assert/strict';
import { InvalidRuntimeOptionError } from '../../src/errors.js';
import { resolveRuntimeOptions } from '../../src/runtime/resolveRuntimeOptions.js';

describe('resolveRuntimeOptions', () => {
  it('defaults to streaming, REST not streaming', () => {
    const resolved = resolveRuntimeOptions({}, {});
    assert.equal(resolved.responseMode, 'streaming');
    assert.equal(resolved.restStreaming, false);
  });

  for (const [raw, expected] of [['1', true], ['true', true], ['YES', true], ['0', false], ['false', false], ['no', false]] as const) {
    it(`reads RX_LAMBDA_REST_STREAMING=${raw} as ${expected}`, () => {
      assert.equal(resolveRuntimeOptions({}, { RX_LAMBDA_REST_STREAMING: raw }).restStreaming, expected);
    });
  }

  it('prefers the option to the environment', () => {
    assert.equal(resolveRuntimeOptions({ restStreaming: false }, { RX_LAMBDA_REST_STREAMING: '1' }).restStreaming, false);
  });

  it('refuses a RX_LAMBDA_REST_STREAMING it cannot read', () => {
    assert.throws(() => resolveRuntimeOptions({}, { RX_LAMBDA_REST_STREAMING: 'sometimes' }), InvalidRuntimeOptionError);
  });

  it('refuses an unknown response mode', () => {
    assert.throws(() => resolveRuntimeOptions({}, { RX_LAMBDA_RESPONSE_MODE: 'chunky' }), InvalidRuntimeOptionError);
  });
});
