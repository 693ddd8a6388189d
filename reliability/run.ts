/**
 * `npm run reliability [-- --only <text>] [-- --ci]`: runs every fault, fuzz and soak scenario at its long
 * size (or its CI size with --ci) and prints one table: scenario, runs, outcome, anything lost.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDefaultExports, printTable } from '../scripts/harness.js';
import type { ReliabilityScenario } from './ReliabilityScenario.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Loads every scenario in reliability/scenarios/, in file-name order. */
export async function loadReliabilityScenarios(): Promise<ReliabilityScenario[]> {
  return loadDefaultExports<ReliabilityScenario>(path.join(here, 'scenarios'));
}

async function main(argv: string[]): Promise<void> {
  const ci = argv.includes('--ci');
  const onlyAt = argv.indexOf('--only');
  const only = onlyAt >= 0 ? argv[onlyAt + 1] : undefined;
  const scenarios = (await loadReliabilityScenarios()).filter((s) => !only || s.name.includes(only));
  const rows: string[][] = [['scenario', 'runs', 'outcome', 'lost', 'notes']];
  for (const scenario of scenarios) {
    const runs = ci ? scenario.ciRuns : scenario.longRuns;
    process.stderr.write(`- ${scenario.name}: ${runs} runs ...\n`);
    const started = performance.now();
    try {
      const outcome = await scenario.run(runs);
      const ok = outcome.failures.length === 0 && outcome.lost === 0;
      if (!ok) process.exitCode = 1;
      for (const failure of outcome.failures.slice(0, 5)) process.stderr.write(`  ! ${failure}\n`);
      rows.push([
        scenario.name,
        String(outcome.runs),
        ok ? 'ok' : `${outcome.failures.length} failed`,
        String(outcome.lost),
        outcome.notes ?? '',
      ]);
    } catch (error) {
      process.exitCode = 1;
      rows.push([scenario.name, '0', `crashed: ${(error as Error).message}`, '?', '']);
    }
    process.stderr.write(`  done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  }
  printTable(rows);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  await main(process.argv.slice(2));
}
