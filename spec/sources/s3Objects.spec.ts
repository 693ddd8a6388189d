import assert from 'node:assert/strict';
import type { S3Event } from 'aws-lambda';
import { lastValueFrom, of, toArray } from 'rxjs';
import { RecordParseError } from '../../src/errors.js';
import { decodeS3Key } from '../../src/sources/decodeS3Record.js';
import { s3Objects } from '../../src/sources/s3Objects.js';
import { loadEvent } from './loadEvent.js';

describe('s3Objects', () => {
  it('decodes keys with spaces (+), unicode and encoded plus signs, with bucket, size and etag', async () => {
    const objects = await lastValueFrom(of(loadEvent<S3Event>('s3')).pipe(s3Objects(), toArray()));
    assert.deepEqual(
      objects.map((o) => [o.kind, o.bucket, o.key, o.size, o.etag]),
      [
        ['s3', 'my-uploads', 'reports/annual report 2024.pdf', 1305107, 'b21b84d653bb07b05b1e6b33684dc11b'],
        ['s3', 'my-uploads', 'photos/日本/café 1+1=2.jpg', 2048, '0123456789abcdef0123456789abcdef'],
        ['s3', 'my-uploads', 'tmp/old file.txt', undefined, undefined],
      ],
    );
    assert.equal(objects[1]?.rawKey, 'photos/%E6%97%A5%E6%9C%AC/caf%C3%A9+1%2B1%3D2.jpg');
    assert.equal(objects[1]?.versionId, '3HL4kqtJlcpXroDTDmjVBH40Nrjfkd');
    assert.equal(objects[2]?.eventName, 'ObjectRemoved:Delete');
    assert.equal(objects[0]?.eventTime.toISOString(), '2024-05-01T10:00:00.000Z');
  });
});

describe('decodeS3Key', () => {
  it('turns + into a space and %XX sequences into UTF-8 characters', () => {
    assert.equal(decodeS3Key('a+b%2Bc%20d%E2%82%AC'), 'a b+c d€');
  });
  it('throws RecordParseError for a malformed escape', () => {
    assert.throws(() => decodeS3Key('bad%E2%82'), RecordParseError);
  });
});
