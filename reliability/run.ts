/**
 * `npm run reliability [-- --only <text>] [-- --ci]`: runs every fault, fuzz and soak scenario at its long
 * size (or its CI size with --ci) and prints one table: scenario, runs, outcome, anything lost.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ReliabilityScenario } from './ReliabilityScenario.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Loads every scenario in reliability/scenarios/, in file-name order. */
export async function loadReliabilityScenarios(): Promise<ReliabilityScenario[]> {
  const dir = path.join(here, 'scenarios');
  const files = (await readdir(dir)).filter((f) => f.endsWith('.ts')).sort();
  const out: ReliabilityScenario[] = [];
  for (const file of files) {
    const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as { default: ReliabilityScenario | ReliabilityScenario[] };
    out.push(...[mod.default].flat());
  }
  return out;
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
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const [n, row] of rows.entries()) {
    console.log(row.map((c, i) => c.padEnd(widths[i]!)).join('  '));
    if (n === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  await main(process.argv.slice(2));
}
