/**
 * Benchmark harness: `npm run bench [-- --quick] [-- --only <text>]`.
 *
 * Loads every scenario in bench/scenarios/, runs ours and the peer alternately on the
 * same work (one warm-up each, then several rounds), prints a table and writes
 * bench/results.json.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { loadDefaultExports, median, printTable } from '../scripts/harness.js';
import type { Scenario, ScenarioContext } from './Scenario.js';

export interface BenchResult {
  scenario: string;
  unit: string;
  ours: number;
  peer: number;
  peerName: string;
  ratio: number;
  higherIsBetter: boolean;
  goal?: string;
}

const here = path.dirname(fileURLToPath(import.meta.url));

function round(value: number): number {
  return Number(value.toPrecision(4));
}

async function loadScenarios(only: string | undefined): Promise<Scenario[]> {
  const all = await loadDefaultExports<Scenario>(path.join(here, 'scenarios'));
  return all.filter((scenario) => !only || scenario.name.includes(only));
}

async function runScenario(scenario: Scenario, ctx: ScenarioContext): Promise<BenchResult> {
  const rounds = ctx.quick ? 2 : (scenario.rounds ?? 5);
  await scenario.setup?.(ctx);
  try {
    await scenario.ours(ctx);
    await scenario.peer(ctx);
    const ours: number[] = [];
    const peer: number[] = [];
    for (let i = 0; i < rounds; i++) {
      // Alternate which side goes first, so drift on a shared machine hits both.
      if (i % 2 === 0) {
        ours.push(await scenario.ours(ctx));
        peer.push(await scenario.peer(ctx));
      } else {
        peer.push(await scenario.peer(ctx));
        ours.push(await scenario.ours(ctx));
      }
      process.stderr.write(`  ${scenario.name}: round ${i + 1}/${rounds}\r`);
    }
    const o = median(ours);
    const p = median(peer);
    const ratio = scenario.higherIsBetter ? o / p : p / o;
    return {
      scenario: scenario.name,
      unit: scenario.unit,
      ours: round(o),
      peer: round(p),
      peerName: scenario.peerName,
      ratio: round(ratio),
      higherIsBetter: scenario.higherIsBetter,
      ...(scenario.goal ? { goal: scenario.goal } : {}),
    };
  } finally {
    await scenario.teardown?.();
  }
}

function printResults(results: BenchResult[]): void {
  printTable([
    ['scenario', 'unit', 'ours', 'peer', 'peer name', 'ratio', 'goal'],
    ...results.map((r) => [r.scenario, r.unit, String(r.ours), String(r.peer), r.peerName, `${r.ratio}x`, r.goal ?? '']),
  ]);
  console.log('\nratio > 1 means rx-lambda is ahead of the peer (higher throughput, or lower time/memory).');
}

async function readPrevious(file: string): Promise<BenchResult[]> {
  try {
    const value: unknown = JSON.parse(await readFile(file, 'utf8'));
    return Array.isArray(value) ? (value as BenchResult[]) : [];
  } catch {
    return [];
  }
}

async function main(argv: string[]): Promise<void> {
  const quick = argv.includes('--quick');
  const onlyAt = argv.indexOf('--only');
  const only = onlyAt >= 0 ? argv[onlyAt + 1] : undefined;
  const ctx: ScenarioContext = { quick };
  const scenarios = await loadScenarios(only);
  console.error(`rx-lambda bench: ${scenarios.length} scenarios${quick ? ' (quick)' : ''}, node ${process.version}`);
  const results: BenchResult[] = [];
  for (const scenario of scenarios) {
    const started = performance.now();
    process.stderr.write(`- ${scenario.name} ...\n`);
    try {
      results.push(await runScenario(scenario, ctx));
    } catch (error) {
      console.error(`  ${scenario.name} failed: ${(error as Error).stack ?? String(error)}`);
      process.exitCode = 1;
    }
    process.stderr.write(`  done in ${((performance.now() - started) / 1000).toFixed(1)} s          \n`);
  }
  printResults(results);
  const out = path.join(here, 'results.json');
  // With --only, the other scenarios' last results are kept.
  const kept = only ? (await readPrevious(out)).filter((r) => !results.some((n) => n.scenario === r.scenario)) : [];
  await writeFile(out, JSON.stringify([...kept, ...results], null, 2) + '\n');
  console.error(`wrote ${path.relative(process.cwd(), out)}`);
}

await main(process.argv.slice(2));
