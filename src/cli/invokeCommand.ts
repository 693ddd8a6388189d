import { readFile } from 'node:fs/promises';
import { lastValueFrom, tap, type Observable } from 'rxjs';
import { FunctionError, RxLambdaError } from '../errors.js';
import { LOCAL_EMULATOR_PORT } from '../localEndpoint.js';
import { parseCommandLine, USAGE_EXIT_CODE } from './parseCommandLine.js';
import { invoke } from '../client/invoke.js';
import { invokeStream } from '../client/invokeStream.js';
import { payload } from '../client/payload.js';

/** Endpoint of `rx-lambda invoke` without `--endpoint` or `RX_LAMBDA_ENDPOINT`: the emulator's usual address. */
export const DEFAULT_INVOKE_ENDPOINT = `http://127.0.0.1:${LOCAL_EMULATOR_PORT}`;

/** Exit codes of `rx-lambda invoke`. */
export const INVOKE_EXIT = {
  ok: 0,
  /** The function failed (`FunctionError`). */
  functionError: 1,
  /** Bad arguments. */
  usage: USAGE_EXIT_CODE,
  /** The service refused the call, or the transport failed. */
  failure: 3,
} as const;

const USAGE =
  'usage: rx-lambda invoke <function> [--payload JSON | --payload-file FILE] [--stream] [--endpoint URL] ' +
  '[--qualifier Q] [--region R] [--log-tail]';

interface Io {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly env: NodeJS.ProcessEnv;
}

/**
 * The `rx-lambda invoke` subcommand: invokes a function and prints its payload to stdout —
 * with `--stream` through `InvokeWithResponseStream`, chunk by chunk as it arrives, else
 * through the buffered `Invoke`. The endpoint is `--endpoint`, else `RX_LAMBDA_ENDPOINT`,
 * else `http://127.0.0.1:9001`; against a loopback endpoint without `AWS_ACCESS_KEY_ID`,
 * placeholder credentials are used. A function error is printed to stderr (exit 1); a
 * refused call or transport failure too (exit 3); bad arguments exit 2. Resolves to the
 * exit code; it never calls `process.exit`.
 *
 * @example
 * ```ts
 * process.exitCode = await invokeCommand(['hello', '--payload', '{"name":"x"}', '--stream']);
 * ```
 */
export async function invokeCommand(
  argv: string[],
  io: Io = { stdout: process.stdout, stderr: process.stderr, env: process.env },
): Promise<number> {
  const line = parseCommandLine(
    argv,
    {
      payload: { type: 'string' },
      'payload-file': { type: 'string' },
      stream: { type: 'boolean' },
      endpoint: { type: 'string' },
      qualifier: { type: 'string' },
      region: { type: 'string' },
      'log-tail': { type: 'boolean' },
    },
    USAGE,
    io,
  );
  if (line.kind === 'answered') return line.exitCode;
  const { values, positionals } = line;
  const functionName = positionals[0];
  if (!functionName || positionals.length > 1 || (values.payload !== undefined && values['payload-file'] !== undefined)) {
    io.stderr.write(`${USAGE}\n`);
    return INVOKE_EXIT.usage;
  }
  let body: Uint8Array | undefined;
  try {
    const raw =
      typeof values['payload-file'] === 'string'
        ? await readFile(values['payload-file'])
        : typeof values.payload === 'string'
          ? Buffer.from(values.payload)
          : undefined;
    if (raw) {
      JSON.parse(raw.toString('utf8'));
      body = new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength);
    }
  } catch (error) {
    io.stderr.write(`invalid payload: ${(error as Error).message}\n`);
    return INVOKE_EXIT.usage;
  }
  const endpoint = (values.endpoint as string | undefined) ?? io.env.RX_LAMBDA_ENDPOINT ?? DEFAULT_INVOKE_ENDPOINT;
  const options = {
    functionName,
    endpoint,
    ...(body ? { payload: body } : {}),
    ...(typeof values.qualifier === 'string' ? { qualifier: values.qualifier } : {}),
    ...(typeof values.region === 'string' ? { region: values.region } : {}),
    ...(values['log-tail'] ? { logType: 'Tail' as const } : {}),
  };
  const write = (bytes: Uint8Array): void => {
    io.stdout.write(bytes);
  };
  const run: Observable<unknown> = values.stream
    ? invokeStream(options).pipe(
        tap((event) => {
          if (event.type === 'InvokeComplete' && event.logResult && !event.errorCode) io.stderr.write(event.logResult);
        }),
        payload(),
        tap(write),
      )
    : invoke(options).pipe(
        tap((result) => {
          write(result.payload);
          if (result.logResult) io.stderr.write(result.logResult);
        }),
      );
  try {
    await lastValueFrom(run, { defaultValue: undefined });
    return INVOKE_EXIT.ok;
  } catch (error) {
    if (error instanceof FunctionError) {
      io.stderr.write(`${error.message}\n`);
      if (error.logResult) io.stderr.write(error.logResult);
      return INVOKE_EXIT.functionError;
    }
    io.stderr.write(`${error instanceof RxLambdaError ? `${error.name}: ${error.message}` : String(error)}\n`);
    return INVOKE_EXIT.failure;
  }
}
