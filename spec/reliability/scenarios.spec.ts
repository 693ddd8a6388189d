import assert from 'node:assert/strict';
import { loadReliabilityScenarios } from '../../reliability/run.js';

// Every reliability scenario at its CI size: nothing fails, nothing is lost.
const scenarios = await loadReliabilityScenarios();

describe('reliability scenarios (CI size)', function () {
  this.timeout(300_000);
  for (const scenario of scenarios) {
    it(`${scenario.name}: ${scenario.ciRuns} runs, no failure, nothing lost`, async () => {
      const outcome = await scenario.run(scenario.ciRuns);
      assert.equal(outcome.runs, scenario.ciRuns);
      assert.deepEqual(outcome.failures.slice(0, 5), []);
      assert.equal(outcome.lost, 0);
    });
  }
});
