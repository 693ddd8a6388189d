import { strict as assert } from 'node:assert';
import {
  RESPONSE_MODE_STREAMING,
  RUNTIME_API_HEADER_KEYS,
  RUNTIME_API_HEADERS,
  RUNTIME_API_PATHS,
  STREAMING_ERROR_TRAILERS,
} from '../../src/wire/runtimeApiVocabulary.js';

describe('the Runtime API vocabulary', () => {
  it('spells the paths of the 2018-06-01 Runtime API', () => {
    assert.deepEqual(RUNTIME_API_PATHS, {
      runtime: '/2018-06-01/runtime/',
      next: '/2018-06-01/runtime/invocation/next',
      invocation: '/2018-06-01/runtime/invocation/',
      initError: '/2018-06-01/runtime/init/error',
    });
  });

  it('spells the header names as AWS documents them, and their keys in lower case', () => {
    assert.equal(RUNTIME_API_HEADERS.requestId, 'Lambda-Runtime-Aws-Request-Id');
    assert.equal(RUNTIME_API_HEADERS.deadlineMs, 'Lambda-Runtime-Deadline-Ms');
    assert.equal(RUNTIME_API_HEADERS.invocationId, 'Lambda-Runtime-Invocation-Id');
    assert.equal(RUNTIME_API_HEADERS.responseMode, 'Lambda-Runtime-Function-Response-Mode');
    for (const [key, name] of Object.entries(RUNTIME_API_HEADERS)) {
      assert.equal(RUNTIME_API_HEADER_KEYS[key as keyof typeof RUNTIME_API_HEADERS], name.toLowerCase(), `the key of ${name}`);
    }
  });

  it('names both error trailers in the Trailer header of a streamed response', () => {
    assert.equal(RESPONSE_MODE_STREAMING, 'streaming');
    assert.equal(STREAMING_ERROR_TRAILERS, 'Lambda-Runtime-Function-Error-Type, Lambda-Runtime-Function-Error-Body');
  });
});
