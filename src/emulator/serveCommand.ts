import { basename } from 'node:path';
import { RxLambdaError } from '../errors.js';
import { LOCAL_EMULATOR_PORT } from '../localEndpoint.js';
import { parseCommandLine, USAGE_EXIT_CODE } from '../parseCommandLine.js';
import { parseHandlerName } from '../parseHandlerName.js';
import { boundedLineWriter } from './boundedLineWriter.js';
import { CONSOLE_BUFFER_MAX_BYTES } from './emulatorLimits.js';
import type { FunctionConfig, FunctionRuntime } from './FunctionConfig.js';
import { functionUrlId } from './functionUrlEvent.js';
import { loadFunctionsFile } from './loadFunctionsFile.js';
import { startEmulator } from './startEmulator.js';

const USAGE =
  'usage: rx-lambda serve <functions.json | path/module.export> [--port N] [--host H] ' +
  '[--runtime rx-lambda|nodejs|provided] [--name NAME] [--invoke-mode BUFFERED|RESPONSE_STREAM]';

/** Where `serveCommand` writes, and the signals that stop it. */
export interface ServeIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  /** Resolves when the server should stop; default SIGINT or SIGTERM. */
  readonly stopped?: Promise<unknown>;
}

/**
 * `rx-lambda serve`: serves the functions of a `functions.json` (handlers relative to its
 * folder) or one bare `path/module.export` (relative to the current folder) until SIGINT
 * or SIGTERM, then stops every environment. Listens on 127.0.0.1:9001 unless told
 * otherwise, and warns when the host is not a loopback address. Resolves to the exit code.
 *
 * @example
 * ```ts
 * process.exitCode = await serveCommand(['functions.json', '--port', '9001']);
 * ```
 */
export async function serveCommand(
  argv: string[],
  io: ServeIo = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  const line = parseCommandLine(
    argv,
    {
      port: { type: 'string' },
      host: { type: 'string' },
      runtime: { type: 'string' },
      name: { type: 'string' },
      'invoke-mode': { type: 'string' },
    },
    USAGE,
    io,
    'rx-lambda serve: ',
  );
  if (line.kind === 'answered') return line.exitCode;
  const { values, positionals } = line;
  const target = positionals[0];
  const port = values.port === undefined ? LOCAL_EMULATOR_PORT : Number(values.port);
  if (!target || positionals.length > 1 || !Number.isInteger(port) || port < 0 || port > 65_535) {
    io.stderr.write(`${USAGE}\n`);
    return USAGE_EXIT_CODE;
  }
  const host = typeof values.host === 'string' ? values.host : '127.0.0.1';
  try {
    const { functions, taskRoot } = target.endsWith('.json')
      ? await loadFunctionsFile(target)
      : { functions: [bareFunction(target, values)], taskRoot: process.cwd() };
    const emulator = await startEmulator({
      host,
      port,
      functions,
      taskRoot,
      log: boundedLineWriter(io.stderr, CONSOLE_BUFFER_MAX_BYTES),
    });
    io.stdout.write(`rx-lambda emulator listening on ${emulator.url}\n`);
    for (const fn of functions) {
      io.stdout.write(
        `  ${fn.name} (${fn.runtime ?? 'rx-lambda'}): POST ${emulator.url}/2015-03-31/functions/${fn.name}/invocations | ` +
          `${emulator.url}/lambda-url/${fn.name}/ (id ${functionUrlId(fn.name)})\n`,
      );
    }
    const signal = await (io.stopped ?? stopSignal());
    io.stderr.write(`rx-lambda: ${typeof signal === 'string' ? signal : 'stop'}, stopping every environment\n`);
    await emulator.close();
    return 0;
  } catch (error) {
    io.stderr.write(`rx-lambda serve: ${error instanceof RxLambdaError || error instanceof Error ? error.message : String(error)}\n`);
    return error instanceof RxLambdaError ? 2 : 1;
  }
}

function bareFunction(target: string, values: Record<string, string | boolean | undefined>): FunctionConfig {
  const module = parseHandlerName(target)?.module ?? basename(target);
  const config: Record<string, unknown> = {
    name: typeof values.name === 'string' ? values.name : module.replace(/[^A-Za-z0-9_-]/g, '-'),
    handler: target,
  };
  if (typeof values.runtime === 'string') config.runtime = values.runtime as FunctionRuntime;
  if (typeof values['invoke-mode'] === 'string') config.invokeMode = values['invoke-mode'];
  return config as unknown as FunctionConfig;
}

function stopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

