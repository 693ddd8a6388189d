import { strict as assert } from 'node:assert';
import { isTextContentType } from '../../src/wire/isTextContentType.js';

describe('isTextContentType', () => {
  it('is true for text, JSON, XML, their suffixes, JavaScript, form data, NDJSON and GraphQL', () => {
    for (const type of [
      'text/plain',
      'TEXT/HTML; charset=utf-8',
      'application/json',
      'application/json; charset=utf-8',
      'application/vnd.api+json',
      'application/xml',
      'image/svg+xml',
      'application/javascript',
      'application/x-www-form-urlencoded',
      'application/x-ndjson',
      'application/graphql',
    ]) {
      assert.equal(isTextContentType(type), true, type);
    }
  });

  it('is false for binary types, a parameter that only mentions json, and no type at all', () => {
    for (const type of ['image/png', 'application/octet-stream', 'application/zip', 'audio/mpeg', 'application/octet-stream; x=a+json', '']) {
      assert.equal(isTextContentType(type), false, type);
    }
    assert.equal(isTextContentType(undefined), false);
  });
});
