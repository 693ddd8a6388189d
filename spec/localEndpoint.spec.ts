import assert from 'node:assert/strict';
import { isLoopbackHost } from '../src/localEndpoint.js';

describe('isLoopbackHost', () => {
  it('accepts localhost, ::1 and 127.x.x.x', () => {
    for (const host of ['localhost', '::1', '[::1]', '127.0.0.1', '127.1.2.3']) assert.equal(isLoopbackHost(host), true, host);
  });

  it('refuses other hosts, including names that start with 127.', () => {
    for (const host of ['0.0.0.0', '10.0.0.1', '127.example.com', '127.0.0.1.nip.io', 'localhost.example.com', '']) {
      assert.equal(isLoopbackHost(host), false, host);
    }
  });
});
