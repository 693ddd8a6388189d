import assert from 'node:assert/strict';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { lastValueFrom, of, toArray } from 'rxjs';
import { RecordParseError } from '../../src/errors.js';
import { dynamoDbRecords } from '../../src/sources/dynamoDbRecords.js';
import { loadEvent } from './loadEvent.js';

describe('dynamoDbRecords', () => {
  it('unmarshalls keys and images to plain values for INSERT, MODIFY and REMOVE', async () => {
    const records = await lastValueFrom(of(loadEvent<DynamoDBStreamEvent>('dynamodb')).pipe(dynamoDbRecords(), toArray()));
    assert.deepEqual(records.map((r) => [r.kind, r.eventName, r.id]), [
      ['dynamodb', 'INSERT', '111000000000000000001'],
      ['dynamodb', 'MODIFY', '222000000000000000002'],
      ['dynamodb', 'REMOVE', '333000000000000000003'],
    ]);
    const [insert, modify, remove] = records;
    assert.deepEqual(insert?.keys, { pk: 'order#1', sk: 1 });
    assert.deepEqual(insert?.newImage, {
      pk: 'order#1',
      sk: 1,
      total: 42.5,
      paid: false,
      tags: new Set(['new', 'web']),
      lines: [{ sku: 'A-1', qty: 2 }],
      note: null,
    });
    assert.equal(insert?.oldImage, undefined);
    assert.equal(modify?.oldImage?.paid, false);
    assert.equal(modify?.newImage?.paid, true);
    assert.equal(remove?.newImage, undefined);
    assert.deepEqual(remove?.oldImage, { pk: 'order#1', sk: 1, total: 42.5, paid: true });
    assert.equal(insert?.createdAt?.getTime(), 1714557600000);
  });

  it('decodes binary attributes to bytes', async () => {
    const event = loadEvent<DynamoDBStreamEvent>('dynamodb');
    const record = event.Records[0]!;
    record.dynamodb!.NewImage = { blob: { B: 'AAEC' }, blobs: { BS: ['/w=='] }, nested: { M: { b: { B: 'AQ==' } } } };
    const [first] = await lastValueFrom(of({ Records: [record] }).pipe(dynamoDbRecords(), toArray()));
    const image = first?.newImage as { blob: Uint8Array; blobs: Set<Uint8Array>; nested: { b: Uint8Array } };
    assert.deepEqual([...image.blob], [0, 1, 2]);
    assert.deepEqual([...image.blobs].map((b) => [...b]), [[255]]);
    assert.deepEqual([...image.nested.b], [1]);
  });

  it('fails a record whose number cannot be represented (big decimal), unless wrapNumbers is set', async () => {
    const event = loadEvent<DynamoDBStreamEvent>('dynamodb');
    const record = event.Records[0]!;
    record.dynamodb!.NewImage = { int: { N: '123456789012345678901234567890' } };
    const [big] = await lastValueFrom(of({ Records: [record] }).pipe(dynamoDbRecords(), toArray()));
    assert.equal((big?.newImage as { int: unknown }).int, 123456789012345678901234567890n);
    record.dynamodb!.NewImage = { big: { N: '12345678901234567890.5' } };
    await assert.rejects(
      lastValueFrom(of({ Records: [record] }).pipe(dynamoDbRecords())),
      (error: unknown) => error instanceof RecordParseError && error.recordId === '111000000000000000001',
    );
    const [wrapped] = await lastValueFrom(of({ Records: [record] }).pipe(dynamoDbRecords({ unmarshall: { wrapNumbers: true } }), toArray()));
    assert.equal(String((wrapped?.newImage as { big: unknown }).big), '12345678901234567890.5');
  });

  it('passes each image through parse, failing the record when parse throws', async () => {
    const parse = (image: Record<string, unknown>) => {
      if (typeof image.total !== 'number') throw new Error('total missing');
      return { total: image.total };
    };
    const records = await lastValueFrom(of(loadEvent<DynamoDBStreamEvent>('dynamodb')).pipe(dynamoDbRecords({ parse }), toArray()));
    assert.deepEqual(records[1]?.newImage, { total: 42.5 });
    const event = loadEvent<DynamoDBStreamEvent>('dynamodb');
    delete event.Records[2]!.dynamodb!.OldImage!.total;
    await assert.rejects(lastValueFrom(of(event).pipe(dynamoDbRecords({ parse }))), /OldImage was rejected by parse: total missing/);
  });
});
