import assert from 'node:assert/strict';
import type { KinesisStreamEvent } from 'aws-lambda';
import { lastValueFrom, of, toArray } from 'rxjs';
import { RecordParseError } from '../../src/errors.js';
import { kinesisRecords } from '../../src/sources/kinesisRecords.js';
import { loadEvent } from './loadEvent.js';

describe('kinesisRecords', () => {
  it('base64-decodes every record to bytes, keyed by sequence number', async () => {
    const records = await lastValueFrom(of(loadEvent<KinesisStreamEvent>('kinesis')).pipe(kinesisRecords(), toArray()));
    assert.equal(records.length, 3);
    assert.equal(records[0]?.kind, 'kinesis');
    assert.equal(records[0]?.id, '49590333129759076289547984023564745386836902259600000');
    assert.equal(new TextDecoder().decode(records[0]?.data), '{"reading":21.5,"sensor":"s-1"}');
    assert.deepEqual(records[2]?.data, new Uint8Array([0, 1, 2, 255, 254]));
    assert.equal(records[1]?.partitionKey, 'sensor-1');
    assert.equal(records[0]?.arrivedAt.getTime(), 1714557600123);
  });

  it('parses JSON on request, and fails the record that is not JSON', async () => {
    const event = loadEvent<KinesisStreamEvent>('kinesis');
    const [first] = await lastValueFrom(of({ Records: event.Records.slice(0, 1) }).pipe(kinesisRecords({ json: true }), toArray()));
    assert.deepEqual(first?.data, { reading: 21.5, sensor: 's-1' });
    await assert.rejects(
      lastValueFrom(of(event).pipe(kinesisRecords({ json: true }))),
      (error: unknown) => error instanceof RecordParseError && error.recordId.endsWith('0001'),
    );
  });

  it('rejects data that is not UTF-8 when JSON is asked for, and data that is not base64', async () => {
    const event = loadEvent<KinesisStreamEvent>('kinesis');
    await assert.rejects(lastValueFrom(of({ Records: event.Records.slice(2) }).pipe(kinesisRecords({ json: true }))), /not UTF-8/);
    const bad = event.Records[0];
    if (bad) bad.kinesis.data = '%%%';
    await assert.rejects(lastValueFrom(of({ Records: [bad!] }).pipe(kinesisRecords())), /not valid base64/);
  });
});
