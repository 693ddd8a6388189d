import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { originalPositionFor, TraceMap, type SourceMapInput } from '@jridgewell/trace-mapping';

/**
 * Specs load `src/` through tsx, which compiles each file with esbuild and adds helpers of
 * its own (`__name`, `__export` with a getter per export, `__copyProps`, `__toCommonJS`).
 * esbuild maps them to the very start of the source (line 1, column 0) or to nothing, and c8
 * puts both on line 1, counting them as functions and branches of every file: uncalled getters lower the function figure,
 * helper branches the branch figure. This removes, from the V8 coverage files c8 reads,
 * every function of a `src/` script that starts there or nowhere (the module's own top-level function
 * stays; a file whose first line could start a function is left as it is). Code that tsc
 * built into `dist/` has no such helpers.
 *
 * `node --import=tsx scripts/stripTranspilerHelpers.ts [coverage/tmp]`, between the
 * coverage run and `c8 report`.
 */
const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const SOURCES = pathToFileURL(join(ROOT, 'src')).href + '/';

interface FunctionCoverage {
  functionName: string;
  ranges: { startOffset: number; endOffset: number; count: number }[];
}
interface ScriptCoverage {
  url: string;
  functions: FunctionCoverage[];
}
interface CoverageFile {
  result: ScriptCoverage[];
  'source-map-cache'?: Record<string, { lineLengths: number[]; data: SourceMapInput }>;
}

/** The zero-based line and column of `offset` in code whose lines have these lengths. */
function position(lineLengths: readonly number[], offset: number): { line: number; column: number } {
  let line = 0;
  let start = 0;
  for (const length of lineLengths) {
    if (offset <= start + length) return { line, column: offset - start };
    start += length + 1;
    line++;
  }
  return { line: Math.max(0, lineLengths.length - 1), column: 0 };
}

/** A first source line that could itself start a function at column 0. */
const FUNCTION_AT_START = /^(export\s+)?(default\s+)?(async\s+)?(function|class)\b/;

/** Drops the helper functions of one coverage file's `src/` scripts; returns how many. */
export function stripTranspilerHelpers(file: CoverageFile): number {
  let dropped = 0;
  for (const script of file.result) {
    if (!script.url.startsWith(SOURCES) || !script.url.endsWith('.ts')) continue;
    const cached = file['source-map-cache']?.[script.url];
    if (cached === undefined) continue;
    const map = new TraceMap(cached.data);
    const firstLine = map.sourcesContent?.[0]?.split('\n', 1)[0] ?? '';
    if (FUNCTION_AT_START.test(firstLine)) continue;
    const kept = script.functions.filter((fn) => {
      const start = fn.ranges[0]?.startOffset ?? 0;
      if (start === 0) return true;
      const { line, column } = position(cached.lineLengths, start);
      const original = originalPositionFor(map, { line: line + 1, column });
      return original.source !== null && !(original.line === 1 && original.column === 0);
    });
    dropped += script.functions.length - kept.length;
    script.functions = kept;
  }
  return dropped;
}

function main(folder: string): void {
  let dropped = 0;
  for (const name of readdirSync(folder)) {
    if (!name.endsWith('.json')) continue;
    const path = join(folder, name);
    const file = JSON.parse(readFileSync(path, 'utf8')) as CoverageFile;
    const count = stripTranspilerHelpers(file);
    if (count > 0) writeFileSync(path, JSON.stringify(file));
    dropped += count;
  }
  process.stdout.write(`coverage: left out ${dropped} functions tsx added to src/ files\n`);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) main(process.argv[2] ?? join(ROOT, 'coverage/tmp'));
