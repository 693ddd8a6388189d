import assert from 'node:assert/strict';
import { parseXRayTraceHeader } from '../../src/wire/parseXRayTraceHeader.js';

describe('parseXRayTraceHeader', () => {
  it('reads Root, Parent and Sampled as W3C ids', () => {
    assert.deepEqual(parseXRayTraceHeader('Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1'), {
      traceId: '5759e988bd862e3fe1be46a994272793',
      spanId: '53995c3f42cd8ad8',
      sampled: true,
    });
  });

  it('takes the fields in any order, with spaces and extra fields, and lower-cases hex', () => {
    assert.deepEqual(parseXRayTraceHeader('Sampled=0; Parent=53995C3F42CD8AD8; Root=1-5759E988-BD862E3FE1BE46A994272793; Lineage=a:1'), {
      traceId: '5759e988bd862e3fe1be46a994272793',
      spanId: '53995c3f42cd8ad8',
      sampled: false,
    });
  });

  for (const bad of [
    undefined,
    '',
    'Root=1-5759e988-bd862e3fe1be46a994272793',
    'Parent=53995c3f42cd8ad8;Sampled=1',
    'Root=2-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8',
    'Root=1-5759e988-bd862e3fe1be46a99427279;Parent=53995c3f42cd8ad8',
    'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad',
    'Root=1-5759e988-bd862e3fe1be46a99427279g;Parent=53995c3f42cd8ad8',
    'Root=1-00000000-000000000000000000000000;Parent=53995c3f42cd8ad8',
    'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=0000000000000000',
  ]) {
    it(`refuses ${JSON.stringify(bad)}`, () => {
      assert.equal(parseXRayTraceHeader(bad), undefined);
    });
  }
});
