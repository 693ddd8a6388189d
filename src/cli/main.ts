import { readFileSync } from 'node:fs';
import { serveCommand } from './serveCommand.js';

const USAGE = `usage:
  rx-lambda serve <template.yaml | functions.json | path/module.export> [--port N] [--api-port N] [--watch] [--host H] ...
  rx-lambda invoke <name> [--payload JSON | --payload-file F] [--stream] [--endpoint URL]
  rx-lambda package <path/module.export> [--runtime R] [--arch A] [--invoke-mode M] [--out DIR] [--layer]
  rx-lambda --version`;

/**
 * The `rx-lambda` command line: `serve` runs the emulator, `invoke` calls a function
 * (printing its payload as it streams), `package` bundles a handler into a deployment zip. Sets `process.exitCode`; never calls
 * `process.exit`.
 *
 * @example
 * ```ts
 * await main(['serve', 'functions.json', '--port', '9001']);
 * ```
 */
export async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve':
      process.exitCode = await serveCommand(rest);
      return;
    case 'invoke': {
      const { invokeCommand } = await import('./invokeCommand.js');
      process.exitCode = await invokeCommand(rest);
      return;
    }
    case '--version':
    case '-v':
      process.stdout.write(`${packageVersion()}\n`);
      return;
    case 'package': {
      const { packageCommand } = await import('./packageCommand.js');
      process.exitCode = await packageCommand(rest);
      return;
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(`${USAGE}\n`);
      process.exitCode = command === undefined ? 2 : 0;
      return;
    default:
      process.stderr.write(`rx-lambda: unknown command ${JSON.stringify(command)}\n${USAGE}\n`);
      process.exitCode = 2;
  }
}

/** This package's version, from its package.json (the same path from src/ and dist/). */
function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return manifest.version;
}
