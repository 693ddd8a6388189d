import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';

/** Exit code of a command given arguments it does not accept. */
export const USAGE_EXIT_CODE = 2;

/** Where a command writes. */
export interface CommandOutput {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

/** Parsed arguments, or the exit code when parsing already answered (`--help`, a bad flag). */
export type CommandLine =
  | {
      readonly kind: 'parsed';
      readonly values: Record<string, string | boolean | undefined>;
      readonly positionals: string[];
    }
  | { readonly kind: 'answered'; readonly exitCode: number };

/**
 * Parses a subcommand's arguments with `node:util` `parseArgs`, adding `-h`/`--help`:
 * help prints `usage` to stdout (exit 0); an unknown or malformed flag prints the error,
 * prefixed by `errorPrefix`, and `usage` to stderr (exit 2).
 *
 * @example
 * ```ts
 * const line = parseCommandLine(argv, { port: { type: 'string' } }, USAGE, io);
 * if (line.kind === 'answered') return line.exitCode;
 * ```
 */
export function parseCommandLine(
  argv: string[],
  options: ParseArgsOptionsConfig,
  usage: string,
  io: CommandOutput,
  errorPrefix = '',
): CommandLine {
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    io.stderr.write(`${errorPrefix}${describeParseError(error)}\n${usage}\n`);
    return { kind: 'answered', exitCode: USAGE_EXIT_CODE };
  }
  if (parsed.values.help) {
    io.stdout.write(`${usage}\n`);
    return { kind: 'answered', exitCode: 0 };
  }
  return { kind: 'parsed', values: parsed.values, positionals: parsed.positionals };
}

/** Node's `parseArgs` error in one short sentence (its own text for an unknown option names a workaround that does not apply here). */
function describeParseError(error: unknown): string {
  const { code, message } = error as { code?: unknown; message: string };
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const option = /'([^']+)'/.exec(message)?.[1];
    return option ? `unknown option ${option}` : 'unknown option';
  }
  return message;
}
