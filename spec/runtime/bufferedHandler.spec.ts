import assert from 'node:assert/strict';
import { of } from 'rxjs';
import { InvalidRuntimeOptionError } from '../../src/errors.js';
import { bufferedHandler } from '../../src/runtime/bufferedHandler.js';

describe('bufferedHandler', () => {
  const context = { awsRequestId: 'r', getRemainingTimeInMillis: () => 3000 };

  it('refuses options that cannot apply to a buffered function', () => {
    assert.throws(() => bufferedHandler(() => of(1), { responseMode: 'streaming' }), InvalidRuntimeOptionError);
    assert.throws(() => bufferedHandler(() => of(1), { restStreaming: true }), InvalidRuntimeOptionError);
  });

  it('validates its options as startRuntime does', () => {
    assert.throws(() => bufferedHandler(() => of(1), { bufferLimit: -1 }), InvalidRuntimeOptionError);
    assert.throws(() => bufferedHandler(() => of(1), { highWaterMark: 0 }), InvalidRuntimeOptionError);
  });

  it('returns plain body bytes as a UTF-8 string', async () => {
    assert.equal(await bufferedHandler(() => of('hé', 'llo'))({}, context), 'héllo');
  });
});
