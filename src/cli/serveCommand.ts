import { basename } from 'node:path';
import { EmulatorConfigError, RxLambdaError } from '../errors.js';
import { LOCAL_EMULATOR_PORT } from '../localEndpoint.js';
import { parseCommandLine, USAGE_EXIT_CODE } from './parseCommandLine.js';
import { parseHandlerName } from '../parseHandlerName.js';
import type { FunctionConfig } from '../emulator/config/FunctionConfig.js';
import { functionUrlId } from '../emulator/service/functionUrlEvent.js';
import { applyEnvVars } from '../emulator/config/applyEnvVars.js';
import { loadFunctionsFile } from '../emulator/config/loadFunctionsFile.js';
import { loadTemplate } from '../emulator/config/loadTemplate.js';
import { boundedLineWriter } from '../emulator/boundedLineWriter.js';
import { CONSOLE_BUFFER_MAX_BYTES } from '../emulator/emulatorLimits.js';
import { startEmulator } from '../emulator/startEmulator.js';

const USAGE =
  'usage: rx-lambda serve <template.yaml | functions.json | path/module.export> [--port N] [--host H] ' +
  '[--api-port N] [--watch] [--env-vars F] [--parameter-overrides K=V ...] [--inspect[=P]] [--inspect-function NAME] ' +
  '[--runtime rx-lambda|nodejs|provided] [--name NAME] [--invoke-mode BUFFERED|RESPONSE_STREAM]';

/** The Node inspector's default port. Source: Node.js `--inspect` (9229). */
const DEFAULT_INSPECT_PORT = 9229;
const TEMPLATE_FILE = /\.(ya?ml|template)$/i;

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
    // `--inspect` alone takes the default port; parseArgs needs a value.
    argv.map((arg) => (arg === '--inspect' ? `--inspect=${DEFAULT_INSPECT_PORT}` : arg)),
    {
      port: { type: 'string' },
      host: { type: 'string' },
      runtime: { type: 'string' },
      name: { type: 'string' },
      'invoke-mode': { type: 'string' },
      'api-port': { type: 'string' },
      watch: { type: 'boolean' },
      'env-vars': { type: 'string' },
      'parameter-overrides': { type: 'string', multiple: true },
      inspect: { type: 'string' },
      'inspect-function': { type: 'string' },
    },
    USAGE,
    io,
    'rx-lambda serve: ',
  );
  if (line.kind === 'answered') return line.exitCode;
  const { values, positionals } = line;
  const target = positionals[0];
  // `--parameter-overrides A=1 B=2`: the pairs after the flag arrive as positionals.
  const overrides = [...((values['parameter-overrides'] as unknown as string[] | undefined) ?? []), ...positionals.slice(1)];
  const port = portOption('--port', values.port, LOCAL_EMULATOR_PORT, io);
  const apiPort = values['api-port'] === undefined ? undefined : portOption('--api-port', values['api-port'], 0, io);
  const inspectPort = values.inspect === undefined ? undefined : portOption('--inspect', values.inspect, DEFAULT_INSPECT_PORT, io);
  if (port === null || apiPort === null || inspectPort === null) return USAGE_EXIT_CODE;
  const parameterOverrides = parseOverrides(overrides);
  if (!target || (positionals.length > 1 && !TEMPLATE_FILE.test(target)) || typeof parameterOverrides === 'string') {
    if (typeof parameterOverrides === 'string') io.stderr.write(`rx-lambda serve: ${parameterOverrides}\n`);
    io.stderr.write(`${USAGE}\n`);
    return USAGE_EXIT_CODE;
  }
  const host = typeof values.host === 'string' ? values.host : '127.0.0.1';
  try {
    const loaded = TEMPLATE_FILE.test(target)
      ? await loadTemplate(target, { parameterOverrides })
      : target.endsWith('.json')
        ? await loadFunctionsFile(target)
        : { functions: [bareFunction(target, values)], taskRoot: process.cwd(), warnings: [] };
    const { taskRoot } = loaded;
    let functions = [...loaded.functions];
    const warnings = [...loaded.warnings];
    if (typeof values['env-vars'] === 'string') {
      const applied = await applyEnvVars(functions, values['env-vars']);
      functions = applied.functions;
      warnings.push(...applied.warnings);
    }
    for (const warning of warnings) io.stderr.write(`warning: ${warning}\n`);
    if (inspectPort !== undefined) {
      const name = typeof values['inspect-function'] === 'string' ? values['inspect-function'] : functions[0]?.name;
      const index = functions.findIndex((fn) => fn.name === name);
      if (index < 0) throw new EmulatorConfigError(`--inspect-function ${JSON.stringify(name)} names no function`);
      functions[index] = withInspector(functions[index]!, inspectPort);
      io.stdout.write(`  ${name}: one environment at a time, its Node inspector on 127.0.0.1:${inspectPort}\n`);
    }
    const emulator = await startEmulator({
      host,
      port,
      functions,
      taskRoot,
      log: boundedLineWriter(io.stderr, CONSOLE_BUFFER_MAX_BYTES),
      watch: values.watch === true,
      ...(apiPort === undefined ? {} : { apiPort }),
    });
    io.stdout.write(`rx-lambda emulator listening on ${emulator.url}\n`);
    for (const fn of functions) {
      io.stdout.write(
        `  ${fn.name} (${fn.runtime ?? 'rx-lambda'}): POST ${emulator.url}/2015-03-31/functions/${fn.name}/invocations | ` +
          `${emulator.url}/lambda-url/${fn.name}/ (id ${functionUrlId(fn.name)})\n`,
      );
      for (const route of fn.routes ?? []) {
        if (emulator.apiUrl) io.stdout.write(`    ${route.api} ${route.method ?? 'ANY'} ${emulator.apiUrl}${route.path}\n`);
      }
    }
    if (values.watch === true) io.stdout.write('watching handler code for changes\n');
    const signal = await (io.stopped ?? stopSignal());
    io.stderr.write(`rx-lambda: ${typeof signal === 'string' ? signal : 'stop'}, stopping every environment\n`);
    await emulator.close();
    return 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      const { port: busy } = error as { port?: number };
      io.stderr.write(`rx-lambda serve: port ${busy ?? port} on ${host} is already in use; choose another with --port (or --api-port)\n`);
      return 1;
    }
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
  if (typeof values.runtime === 'string') config.runtime = values.runtime;
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


/** A port option: its number (`fallback` when absent), or `null` after saying what is wrong. */
function portOption(flag: string, value: string | boolean | undefined, fallback: number, io: ServeIo): number | null {
  if (value === undefined || value === true) return fallback;
  const port = Number(value);
  if (typeof value === 'string' && /^\d+$/.test(value) && port <= 65_535) return port;
  io.stderr.write(`rx-lambda serve: ${flag} must be a port number from 0 to 65535 (0 picks a free one), got ${JSON.stringify(value)}\n`);
  return null;
}

/** `K=V` and SAM's `ParameterKey=K,ParameterValue=V` pairs, or what is wrong with one. */
function parseOverrides(pairs: readonly string[]): Record<string, string> | string {
  const overrides: Record<string, string> = {};
  for (const pair of pairs.flatMap((text) => text.split(/\s+/)).filter(Boolean)) {
    const long = /^ParameterKey=([^,]+),ParameterValue=(.*)$/.exec(pair);
    const equals = pair.indexOf('=');
    if (long) overrides[long[1]!] = long[2]!;
    else if (equals > 0) overrides[pair.slice(0, equals)] = pair.slice(equals + 1);
    else return `--parameter-overrides takes Name=Value pairs, got ${JSON.stringify(pair)}`;
  }
  return overrides;
}

/** The function with Node's inspector on `port` and one environment at a time (the port can be bound once). */
function withInspector(fn: FunctionConfig, port: number): FunctionConfig {
  const nodeOptions = [fn.environment?.NODE_OPTIONS, `--inspect=127.0.0.1:${port}`].filter(Boolean).join(' ');
  return { ...fn, concurrency: 1, maxConcurrency: 1, environment: { ...fn.environment, NODE_OPTIONS: nodeOptions } };
}
