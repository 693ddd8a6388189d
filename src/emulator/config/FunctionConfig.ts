/* eslint-disable @typescript-eslint/no-unnecessary-condition -- validates values read from JSON, YAML and untyped JavaScript callers: the checks the types call unnecessary are the validation */
import { existsSync } from 'node:fs';
import { isAbsolute, dirname, basename, relative, resolve, sep } from 'node:path';
import { EmulatorConfigError } from '../../errors.js';
import { DEFAULT_FUNCTION_TIMEOUT_SECONDS, MAX_FUNCTION_TIMEOUT_SECONDS } from '../../limits.js';
import { parseHandlerName } from '../../parseHandlerName.js';
import {
  DEFAULT_FUNCTION_CONCURRENCY,
  DEFAULT_MEMORY_MB,
  FUNCTION_NAME_MAX_CHARS,
  MAX_CONCURRENCY_PER_ENVIRONMENT,
  MAX_MEMORY_MB,
  MIN_MEMORY_MB,
} from '../emulatorLimits.js';

/** Which process runs a function: our runtime, AWS's Node runtime client, or any bootstrap executable. */
export type FunctionRuntime = 'rx-lambda' | 'nodejs' | 'provided';

/**
 * One function served by the emulator. `handler` is `path/module.export`, relative to the
 * task root (the folder of `functions.json`, or the emulator's `taskRoot`); an absolute
 * path makes its own folder the task root.
 *
 * @example
 * ```ts
 * const fn: FunctionConfig = {
 *   name: 'hello',
 *   handler: 'handlers/hello.handler',
 *   runtime: 'nodejs',
 *   invokeMode: 'RESPONSE_STREAM',
 *   timeoutSeconds: 10,
 * };
 * ```
 */
export interface FunctionConfig {
  readonly name: string;
  readonly handler: string;
  /** Default `rx-lambda`. */
  readonly runtime?: FunctionRuntime;
  /** The executable for `runtime: 'provided'`; default `bootstrap` in the task root. */
  readonly bootstrap?: string;
  /** `RX_LAMBDA_RESPONSE_MODE` for the `rx-lambda` runtime. */
  readonly responseMode?: 'buffered' | 'streaming';
  /** How the Function URL answers; default `BUFFERED`, like Lambda. */
  readonly invokeMode?: 'BUFFERED' | 'RESPONSE_STREAM';
  /** Default 3, like Lambda; at most 900. */
  readonly timeoutSeconds?: number;
  /** Default 128. */
  readonly memoryMB?: number;
  readonly environment?: Readonly<Record<string, string>>;
  /** Execution environments at once; default 10. */
  readonly concurrency?: number;
  /**
   * Invocations one environment runs at once (Lambda Managed Instances); default 1. Above 1
   * the process gets `AWS_LAMBDA_MAX_CONCURRENCY`, and its runtime asks `/next` once per worker.
   */
  readonly maxConcurrency?: number;
  /** The function's code folder (its `LAMBDA_TASK_ROOT`), relative to the emulator's `taskRoot`; default that folder. */
  readonly taskRoot?: string;
  /**
   * Bundle the handler with esbuild before it runs (`entry`: the module to bundle, relative
   * to the task root; default the handler's module). TypeScript handlers (`.ts`, `.mts`)
   * are always built.
   */
  readonly build?: { readonly entry?: string };
  /** HTTP routes the `--api-port` front end serves with this function (API Gateway HTTP API, REST API, ALB). */
  readonly routes?: readonly ApiRoute[];
}

/**
 * One route of the API front end: `api` says which service's event and answer rules apply
 * (`http`: HTTP API, payload 2.0; `rest`: REST API, payload 1.0; `alb`: Application Load
 * Balancer). `path` uses API Gateway's templates (`/items/{id}`, `/{proxy+}`); `method`
 * defaults to `ANY`. A `rest` route with `responseTransferMode: 'STREAM'` streams the
 * response as a streaming REST integration does.
 *
 * @example
 * ```ts
 * const fn: FunctionConfig = {
 *   name: 'api',
 *   handler: 'src/api.handler',
 *   routes: [{ api: 'http', path: '/users/{id}', method: 'GET' }, { api: 'alb', path: '/{proxy+}' }],
 * };
 * ```
 */
export interface ApiRoute {
  readonly api: 'http' | 'rest' | 'alb';
  readonly path: string;
  readonly method?: string;
  readonly responseTransferMode?: 'BUFFERED' | 'STREAM';
}

/** Every key a function config may have: other keys in `functions.json` get a warning. */
export const FUNCTION_CONFIG_KEYS: readonly (keyof FunctionConfig)[] = [
  'name', 'handler', 'runtime', 'bootstrap', 'responseMode', 'invokeMode', 'timeoutSeconds', 'memoryMB',
  'environment', 'concurrency', 'maxConcurrency', 'taskRoot', 'build', 'routes',
];

/** A function config with every default applied and paths resolved. */
export interface ResolvedFunction {
  readonly name: string;
  /** `_HANDLER`, relative to `taskRoot`. */
  readonly handler: string;
  readonly taskRoot: string;
  readonly runtime: FunctionRuntime;
  /** Absolute path of the bootstrap executable, for `provided`. */
  readonly bootstrap: string | undefined;
  readonly responseMode: 'buffered' | 'streaming' | undefined;
  readonly invokeMode: 'BUFFERED' | 'RESPONSE_STREAM';
  readonly timeoutSeconds: number;
  readonly memoryMB: number;
  readonly environment: Readonly<Record<string, string>>;
  readonly concurrency: number;
  readonly maxConcurrency: number;
  /** The module esbuild bundles before the function runs (absolute), when it is built. */
  readonly buildEntry: string | undefined;
  readonly routes: readonly ApiRoute[];
}

const NAME = /^[A-Za-z0-9_-]+$/;
const RUNTIMES: readonly FunctionRuntime[] = ['rx-lambda', 'nodejs', 'provided'];

/**
 * Validates a function config (throws `EmulatorConfigError`) and applies its defaults.
 *
 * @example
 * ```ts
 * const fn = resolveFunctionConfig({ name: 'hello', handler: 'hello.handler' }, process.cwd());
 * fn.timeoutSeconds; // 3
 * ```
 */
export function resolveFunctionConfig(config: FunctionConfig, taskRoot: string): ResolvedFunction {
  const where = `function ${JSON.stringify(config?.name)}`;
  if (typeof config !== 'object' || config === null) throw new EmulatorConfigError('a function config must be an object');
  if (typeof config.name !== 'string' || !NAME.test(config.name) || config.name.length > FUNCTION_NAME_MAX_CHARS) {
    throw new EmulatorConfigError(
      `${where}: name must be 1-${FUNCTION_NAME_MAX_CHARS} characters of letters, digits, '-' and '_'`,
    );
  }
  // A `provided` bootstrap reads `_HANDLER` its own way (`bootstrap`, `main`, ...): any non-empty text.
  const providedHandler = config.runtime === 'provided' && typeof config.handler === 'string' && config.handler !== '';
  if (!providedHandler && !isHandlerString(config.handler)) {
    throw new EmulatorConfigError(`${where}: handler must be 'path/module.export', got ${JSON.stringify(config.handler)}`);
  }
  const runtime = config.runtime ?? 'rx-lambda';
  if (!RUNTIMES.includes(runtime)) {
    throw new EmulatorConfigError(`${where}: runtime must be one of ${RUNTIMES.join(', ')}, got ${JSON.stringify(runtime)}`);
  }
  const invokeMode = config.invokeMode ?? 'BUFFERED';
  if (invokeMode !== 'BUFFERED' && invokeMode !== 'RESPONSE_STREAM') {
    throw new EmulatorConfigError(`${where}: invokeMode must be BUFFERED or RESPONSE_STREAM`);
  }
  if (config.responseMode !== undefined && config.responseMode !== 'buffered' && config.responseMode !== 'streaming') {
    throw new EmulatorConfigError(`${where}: responseMode must be 'buffered' or 'streaming'`);
  }
  const timeoutSeconds = integer(config.timeoutSeconds, DEFAULT_FUNCTION_TIMEOUT_SECONDS, 1, MAX_FUNCTION_TIMEOUT_SECONDS, `${where}: timeoutSeconds`);
  const memoryMB = integer(config.memoryMB, DEFAULT_MEMORY_MB, MIN_MEMORY_MB, MAX_MEMORY_MB, `${where}: memoryMB`);
  const concurrency = integer(config.concurrency, DEFAULT_FUNCTION_CONCURRENCY, 1, Number.MAX_SAFE_INTEGER, `${where}: concurrency`);
  const maxConcurrency = integer(config.maxConcurrency, 1, 1, MAX_CONCURRENCY_PER_ENVIRONMENT, `${where}: maxConcurrency`);
  const environment = config.environment ?? {};
  if (typeof environment !== 'object' || environment === null || Object.values(environment).some((v) => typeof v !== 'string')) {
    throw new EmulatorConfigError(`${where}: environment must map names to strings`);
  }
  for (const [name, value] of Object.entries(environment as Record<string, string>)) {
    // What a process environment can carry: a name of letters, digits and '_', a value without NUL.
    if (!ENVIRONMENT_NAME.test(name) || value.includes('\0')) {
      throw new EmulatorConfigError(`${where}: environment variable ${JSON.stringify(name.slice(0, 64))} needs a name of letters, digits and '_' (not starting with a digit) and a value without NUL`);
    }
  }
  let root = typeof config.taskRoot === 'string' ? resolve(taskRoot, config.taskRoot) : resolve(taskRoot);
  let handler = config.handler;
  if (isAbsolute(handler)) {
    root = dirname(handler);
    handler = basename(handler);
  }
  // The module of a handler lives in its task root, as in a deployment package; `provided` bootstraps read `_HANDLER` their own way.
  const modulePath = relative(root, resolve(root, dirname(handler)));
  if (runtime !== 'provided' && (modulePath === '..' || modulePath.startsWith(`..${sep}`) || isAbsolute(modulePath))) {
    throw new EmulatorConfigError(`${where}: handler ${JSON.stringify(config.handler)} points outside its task root ${root}`);
  }
  if (runtime === 'provided' && config.bootstrap !== undefined && typeof config.bootstrap !== 'string') {
    throw new EmulatorConfigError(`${where}: bootstrap must be a path`);
  }
  const bootstrap = runtime === 'provided' ? resolve(root, config.bootstrap ?? 'bootstrap') : undefined;
  return {
    name: config.name,
    handler,
    taskRoot: root,
    runtime,
    bootstrap,
    responseMode: config.responseMode,
    invokeMode,
    timeoutSeconds,
    memoryMB,
    environment: { ...environment },
    concurrency,
    maxConcurrency,
    buildEntry: buildEntryOf(config, root, handler, where),
    routes: routesOf(config.routes, where),
  };
}

/** A process environment variable name the emulator passes on. Source: Lambda's `Environment.Variables` key pattern, relaxed to allow a leading '_'. */
const ENVIRONMENT_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `path/module.export`: a module name and an export name after the last `/`. */
function isHandlerString(value: unknown): value is string {
  return typeof value === 'string' && parseHandlerName(value) !== undefined;
}

function integer(value: number | undefined, fallback: number, min: number, max: number, what: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new EmulatorConfigError(`${what} must be an integer from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** Extensions tried, in order, for the module of a `path/module.export` handler; TypeScript ones are built. */
const MODULE_EXTENSIONS = ['.ts', '.mts', '.js', '.mjs', '.cjs'] as const;

/** The module to build, or `undefined` for a handler that runs as it is. */
function buildEntryOf(config: FunctionConfig, root: string, handler: string, where: string): string | undefined {
  if (config.runtime === 'provided') return undefined;
  if (config.build !== undefined && (typeof config.build !== 'object' || config.build === null)) {
    throw new EmulatorConfigError(`${where}: build must be an object ({ "entry": "src/app.ts" } or {})`);
  }
  if (config.build?.entry !== undefined) return resolve(root, config.build.entry);
  const name = parseHandlerName(handler)!;
  const base = resolve(root, name.directory + name.module);
  const module = MODULE_EXTENSIONS.map((extension) => base + extension).find((file) => existsSync(file));
  if (config.build !== undefined) return module ?? `${base}.ts`;
  return module !== undefined && /\.m?ts$/.test(module) ? module : undefined;
}

const ROUTE_APIS = ['http', 'rest', 'alb'];

function routesOf(routes: readonly ApiRoute[] | undefined, where: string): readonly ApiRoute[] {
  if (routes === undefined) return [];
  if (!Array.isArray(routes)) throw new EmulatorConfigError(`${where}: routes must be an array`);
  return routes.map((route: ApiRoute) => {
    if (typeof route !== 'object' || route === null || !ROUTE_APIS.includes(route.api) || typeof route.path !== 'string' || !route.path.startsWith('/')) {
      throw new EmulatorConfigError(`${where}: a route is { "api": "http" | "rest" | "alb", "path": "/...", "method"?: "GET" }, got ${JSON.stringify(route)}`);
    }
    return { ...route, method: (route.method ?? 'ANY').toUpperCase() };
  });
}
