import assert from 'node:assert/strict';
import { lastValueFrom, toArray } from 'rxjs';
import { runningAverages } from '../../examples/ndjsonClient.js';
import { withExamples } from './startExamples.js';

describe('examples/ndjsonClient', () => {
  const examples = withExamples(['ndjson-feed']);

  describe('runningAverages', () => {
    it('parses every NDJSON quote and keeps a running average per symbol', async () => {
      const averages = await lastValueFrom(runningAverages(examples().target, 6).pipe(toArray()));
      // Prices: 94, 101, 95, 102, 96, 103 for ACME, GLOBEX, INITECH, ACME, GLOBEX, INITECH.
      assert.deepEqual(
        averages.map((a) => [a.symbol, a.quotes, a.last, a.average]),
        [
          ['ACME', 1, 94, 94],
          ['GLOBEX', 1, 101, 101],
          ['INITECH', 1, 95, 95],
          ['ACME', 2, 102, 98],
          ['GLOBEX', 2, 96, 98.5],
          ['INITECH', 2, 103, 99],
        ],
      );
    });
  });
});
