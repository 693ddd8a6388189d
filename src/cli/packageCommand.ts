import { relative } from 'node:path';
import { RxLambdaError } from '../errors.js';
import { packageHandler } from '../packager/packageHandler.js';
import { INVOKE_MODES, PACKAGE_ARCHITECTURES, PACKAGE_RUNTIMES, type PackageTarget } from '../packager/PackageTarget.js';
import { parseCommandLine, USAGE_EXIT_CODE, type CommandOutput } from './parseCommandLine.js';

/** Folder the zips go to without `--out`. Our choice. */
export const DEFAULT_PACKAGE_OUT_DIR = 'build';

const USAGE = `usage: rx-lambda package <path/module.export> [--runtime ${PACKAGE_RUNTIMES.join('|')}]
  [--arch ${PACKAGE_ARCHITECTURES.join('|')}] [--invoke-mode ${INVOKE_MODES.join('|')}] [--out DIR] [--layer]
  [--node-binary PATH]
Bundles the handler into DIR/<runtime>.zip (default DIR: ${DEFAULT_PACKAGE_OUT_DIR}) and prints a SAM template fragment.`;

/**
 * `rx-lambda package`: bundles a handler of the current project into a deployment zip and
 * prints a SAM template fragment (YAML, with what was written as comments) to stdout.
 * Resolves to the exit code: 0, 1 when packaging fails (the reason on stderr), 2 for bad
 * arguments.
 *
 * @example
 * ```ts
 * process.exitCode = await packageCommand(['src/api.handler', '--runtime', 'provided.al2023', '--arch', 'arm64']);
 * ```
 */
export async function packageCommand(argv: string[], io: CommandOutput = process, cwd: string = process.cwd()): Promise<number> {
  const line = parseCommandLine(
    argv,
    {
      runtime: { type: 'string', default: 'nodejs24.x' },
      arch: { type: 'string', default: 'x86_64' },
      'invoke-mode': { type: 'string', default: 'RESPONSE_STREAM' },
      out: { type: 'string', default: DEFAULT_PACKAGE_OUT_DIR },
      layer: { type: 'boolean', default: false },
      'node-binary': { type: 'string' },
    },
    USAGE,
    io,
    'rx-lambda package: ',
  );
  if (line.kind === 'answered') return line.exitCode;
  const { values, positionals } = line;
  const usageError = (message: string): number => {
    io.stderr.write(`rx-lambda package: ${message}\n${USAGE}\n`);
    return USAGE_EXIT_CODE;
  };
  if (positionals.length !== 1) return usageError('give exactly one handler, path/module.export');
  const runtime = oneOf(values.runtime, PACKAGE_RUNTIMES);
  const arch = oneOf(values.arch, PACKAGE_ARCHITECTURES);
  const invokeMode = oneOf(values['invoke-mode'], INVOKE_MODES);
  if (runtime === undefined) return usageError(`--runtime must be one of ${PACKAGE_RUNTIMES.join(', ')}`);
  if (arch === undefined) return usageError(`--arch must be one of ${PACKAGE_ARCHITECTURES.join(', ')}`);
  if (invokeMode === undefined) return usageError(`--invoke-mode must be one of ${INVOKE_MODES.join(', ')}`);
  const target: PackageTarget = { runtime, arch, invokeMode };
  const nodeBinary = values['node-binary'];
  try {
    const result = await packageHandler({
      handler: positionals[0]!,
      target,
      outDir: String(values.out),
      cwd,
      layer: values.layer === true,
      ...(typeof nodeBinary === 'string' ? { nodeBinary } : {}),
      log: (note) => io.stderr.write(`rx-lambda package: ${note}\n`),
    });
    const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
    const written = [result.functionZip, ...(result.layerZip ? [result.layerZip] : [])].map(
      (zip) => `# wrote ${relative(cwd, zip.path)} (${kib(zip.bytes)}): ${zip.files.join(', ')}`,
    );
    io.stdout.write(`${written.join('\n')}\n# bundle ${kib(result.bundleBytes)} minified; Handler: ${result.handlerSetting}\n${result.templateFragment}`);
    return 0;
  } catch (error) {
    const message = error instanceof RxLambdaError ? error.message : String((error as Error | undefined)?.stack ?? error);
    io.stderr.write(`rx-lambda package: ${message}\n`);
    return 1;
  }
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[]): T | undefined {
  return allowed.find((candidate) => candidate === value);
}
