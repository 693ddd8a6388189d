import type { Duplex } from 'node:stream';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { EmulatorConfigError } from '../errors.js';
import { decodePathSegment } from './decodePathSegment.js';
import { boundedLineWriter } from './boundedLineWriter.js';
import { CONSOLE_BUFFER_MAX_BYTES, EMULATOR_MAX_HEADER_BYTES } from './emulatorLimits.js';
import { resolveFunctionConfig, type FunctionConfig } from './config/FunctionConfig.js';
import { FunctionPool } from './environments/FunctionPool.js';
import { functionArn } from './service/functionArn.js';
import { handleFunctionUrl } from './service/handleFunctionUrl.js';
import { handleInvoke } from './service/handleInvoke.js';
import { handleStreamingInvoke } from './service/handleStreamingInvoke.js';
import { listen } from './listen.js';
import { sendServiceError } from './service/sendServiceError.js';
import { prepareFunction } from './config/prepareFunction.js';
import { watchFunctions, type WatchedFunction } from './config/watchFunctions.js';
import { startApiFrontend } from './frontends/startApiFrontend.js';
import { isLoopbackHost } from '../localEndpoint.js';
import { refuseForeignRequest } from './service/refuseForeignRequest.js';

/** Options of `startEmulator`. */
export interface EmulatorOptions {
  /** Default `127.0.0.1`. */
  readonly host?: string;
  /** Default 0 (a free port). */
  readonly port?: number;
  readonly functions: readonly FunctionConfig[];
  /** The folder handlers are relative to (`LAMBDA_TASK_ROOT`); default the current folder. */
  readonly taskRoot?: string;
  /** Where function output and emulator messages go, one line at a time; default stderr (lines are dropped, and counted, while stderr cannot keep up). */
  readonly log?: (line: string) => void;
  /** Serve the functions' `routes` (API Gateway HTTP API / REST, ALB) on this port of `host` (0: a free one). */
  readonly apiPort?: number;
  /** Rebuild and reload a function when its code changes (`--watch`). */
  readonly watch?: boolean;
}

/** A running emulator. */
export interface Emulator {
  /** `http://host:port`: the endpoint for the AWS SDK, and the base of `/lambda-url/{name}/`. */
  readonly url: string;
  /** `http://host:port` of the API front end, when `apiPort` was given. */
  readonly apiUrl?: string;
  /** Stops every execution environment and the server. */
  close(): Promise<void>;
}

const INVOKE = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;
const STREAMING_INVOKE = /^\/2021-11-15\/functions\/([^/]+)\/response-streaming-invocations$/;
const FUNCTION_URL = /^\/lambda-url\/([^/?]+)(\/[^?]*)?$/;

/**
 * Starts a local Lambda service on one port: Invoke, InvokeWithResponseStream (really
 * streamed, chunk by chunk) and Function URLs, each function running in its own
 * processes behind its own Runtime API.
 *
 * @example
 * ```ts
 * import { startEmulator } from 'rx-lambda/emulator';
 * import { LambdaClient, InvokeCommand } from '@aws-sdk/client-lambda';
 *
 * const emulator = await startEmulator({
 *   functions: [{ name: 'hello', handler: 'handlers/hello.handler', runtime: 'nodejs' }],
 * });
 * const lambda = new LambdaClient({
 *   endpoint: emulator.url,
 *   region: 'us-east-1',
 *   credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
 * });
 * await lambda.send(new InvokeCommand({ FunctionName: 'hello', Payload: '{}' }));
 * await emulator.close();
 * ```
 */
export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
  const host = options.host ?? '127.0.0.1';
  const taskRoot = options.taskRoot ?? process.cwd();
  const log = options.log ?? boundedLineWriter(process.stderr, CONSOLE_BUFFER_MAX_BYTES);
  if (!Array.isArray(options.functions)) throw new EmulatorConfigError('functions must be an array of function configs');
  const pools = new Map<string, FunctionPool>();
  // eslint-disable-next-line @typescript-eslint/no-unsafe-argument -- functions is checked to be an array just above; each config is validated by resolveFunctionConfig
  const sources = options.functions.map((config) => resolveFunctionConfig(config, taskRoot));
  for (const fn of sources) {
    if (pools.has(fn.name)) throw new EmulatorConfigError(`function ${JSON.stringify(fn.name)} is configured twice`);
  }
  const watched: WatchedFunction[] = [];
  for (const source of sources) {
    const prepared = await prepareFunction(source, { listInputs: options.watch === true });
    const pool = new FunctionPool(prepared.fn, log);
    pools.set(source.name, pool);
    watched.push({ pool, source, inputs: prepared.inputs });
  }
  const watcher = options.watch ? watchFunctions(watched, log) : undefined;
  const front = options.apiPort === undefined ? undefined : await startApiFrontend({ host, port: options.apiPort, pools, log });

  if (!isLoopbackHost(host)) {
    log(
      `warning: listening on ${host}, beyond this machine. The emulator runs function code for anyone who can ` +
        'reach it and checks no signatures; use it only on networks you trust.',
    );
  }
  const server = createServer({ maxHeaderSize: EMULATOR_MAX_HEADER_BYTES }, (req, res) => {
    route(req, res, pools, host).catch((error: unknown) => {
      log(`[emulator] ${req.method} ${req.url} failed: ${String(error)}`);
      sendServiceError(res, 'ServiceException', 'internal error of the emulator');
    });
  });
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => answerClientError(error, socket));
  const url = `http://${await listen(server, options.port ?? 0, host)}`;
  let closing: Promise<void> | undefined;
  return {
    url,
    ...(front ? { apiUrl: front.url } : {}),
    close() {
      closing ??= (async () => {
        watcher?.close();
        await front?.close();
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        await Promise.all([...pools.values()].map((pool) => pool.close()));
        // Give in-flight answers (failed by the shutdown) a turn to be written, then drop the rest.
        await new Promise((resolve) => setImmediate(resolve));
        server.closeAllConnections();
        await stopped;
      })();
      return closing;
    },
  };
}

/**
 * Answers a request Node's parser refused (headers over the limit, malformed HTTP) in the
 * AWS shape, instead of Node's bare status line, then closes the connection.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const type = tooLarge ? 'RequestTooLargeException' : 'InvalidRequestContentException';
  const status = tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request';
  const message = tooLarge
    ? `request headers exceed the emulator's limit of ${EMULATOR_MAX_HEADER_BYTES} bytes`
    : 'the request is not valid HTTP';
  const body = JSON.stringify({ Type: 'User', message });
  socket.end(
    `HTTP/1.1 ${status}\r\ncontent-type: application/json\r\nx-amzn-errortype: ${type}\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}

async function route(req: IncomingMessage, res: ServerResponse, pools: ReadonlyMap<string, FunctionPool>, host: string): Promise<void> {
  const path = (req.url ?? '/').split('?')[0]!;
  const url = FUNCTION_URL.exec(path);
  if (refuseForeignRequest(req, res, { host, signed: !url })) return;
  if (url) {
    const name = decodePathSegment(url[1]!);
    const pool = pools.get(name);
    if (!pool) {
      notFound(res, name);
      return;
    }
    return handleFunctionUrl(req, res, pool, url[2] || '/');
  }
  const invoke = INVOKE.exec(path);
  const streaming = invoke ? undefined : STREAMING_INVOKE.exec(path);
  const match = invoke ?? streaming;
  if (!match || req.method !== 'POST') {
    sendServiceError(res, 'UnknownOperationException', `Unknown operation ${req.method} ${path}`);
    return;
  }
  const target = functionTarget(decodePathSegment(match[1]!), new URL(req.url ?? '/', 'http://x').searchParams.get('Qualifier'));
  const pool = target.qualifier === '$LATEST' ? pools.get(target.name) : undefined;
  if (!pool) {
    notFound(res, target.name, target.qualifier);
    return;
  }
  return invoke ? handleInvoke(req, res, pool) : handleStreamingInvoke(req, res, pool);
}

/** A function name as Lambda accepts it: a name, `name:qualifier`, or a full or partial ARN. */
function functionTarget(raw: string, qualifierParam: string | null): { name: string; qualifier: string } {
  const parts = raw.split(':');
  let name = raw;
  let qualifier: string | undefined;
  if (parts[0] === 'arn' && parts.length >= 7) [name, qualifier] = [parts[6]!, parts[7]];
  else if (parts.length >= 3 && parts[1] === 'function') [name, qualifier] = [parts[2]!, parts[3]];
  else if (parts.length === 2) [name, qualifier] = [parts[0]!, parts[1]];
  return { name, qualifier: qualifierParam || qualifier || '$LATEST' };
}

function notFound(res: ServerResponse, name: string, qualifier?: string): void {
  const arn = functionArn(name, qualifier === '$LATEST' ? undefined : qualifier);
  sendServiceError(res, 'ResourceNotFoundException', `Function not found: ${arn}`);
}
