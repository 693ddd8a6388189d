/* eslint-disable @typescript-eslint/no-unnecessary-condition, @typescript-eslint/no-base-to-string -- validates values read from JSON, YAML and untyped JavaScript callers: the checks the types call unnecessary are the validation; YAML scalars are printed as given */
import { dirname } from 'node:path';
import { readConfigFile } from './readConfigFile.js';
import { parse } from 'yaml';
import { EmulatorConfigError } from '../../errors.js';
import { EMULATOR_ACCOUNT_ID, EMULATOR_REGION, functionArn } from '../service/functionArn.js';
import { functionUrlId } from '../service/functionUrlEvent.js';
import { cloudFormationTags } from './cloudFormationTags.js';
import type { ApiRoute, FunctionConfig } from './FunctionConfig.js';
import { resolveIntrinsics, type IntrinsicScope } from './resolveIntrinsics.js';

/** How to read a template. */
export interface TemplateOptions {
  /** `--parameter-overrides`: values for the template's `Parameters`. */
  readonly parameterOverrides?: Readonly<Record<string, string>>;
}

/** The functions of a SAM / CloudFormation template, and what could not be carried over. */
export interface LoadedTemplate {
  readonly functions: readonly FunctionConfig[];
  /** The template's folder: `CodeUri` and `Code` are relative to it. */
  readonly taskRoot: string;
  /** One line per property, event or function the emulator does not run as AWS would. */
  readonly warnings: readonly string[];
}

type Properties = Record<string, unknown>;

/** Properties that only matter to a deployment (IAM, versions, tags, networking): accepted without a warning. */
const DEPLOYMENT_ONLY = new Set([
  'Architectures', 'AssumeRolePolicyDocument', 'AutoPublishAlias', 'AutoPublishCodeSha256', 'CodeSigningConfigArn',
  'DeadLetterQueue', 'DeploymentPreference', 'Description', 'EphemeralStorage', 'EventInvokeConfig', 'FunctionName',
  'KmsKeyArn', 'LoggingConfig', 'PermissionsBoundary', 'Policies', 'PropagateTags', 'ProvisionedConcurrencyConfig',
  'Role', 'RolePath', 'RuntimeManagementConfig', 'SnapStart', 'Tags', 'Tracing', 'VersionDescription', 'VpcConfig',
  'TracingConfig', 'DeadLetterConfig',
]);
/** Properties the emulator reads. */
const READ = new Set([
  'Handler', 'Runtime', 'CodeUri', 'Code', 'Timeout', 'MemorySize', 'Environment', 'FunctionUrlConfig', 'Events',
  'ReservedConcurrentExecutions', 'PackageType',
]);
/** `Metadata.BuildProperties` keys of SAM's esbuild build; the emulator's build always bundles ESM with source maps. */
const BUILD_PROPERTIES = new Set(['EntryPoints', 'Format', 'Minify', 'Sourcemap', 'Target', 'External', 'Loader', 'Banner', 'OutExtension', 'MainFields', 'UseNpmCi']);

/**
 * Reads an AWS SAM or CloudFormation template (YAML with CloudFormation's short tags,
 * or JSON) into function configs: `AWS::Serverless::Function` with `Globals.Function`,
 * and `AWS::Lambda::Function` with its `AWS::Lambda::Url`. A function's name is its
 * logical id. `nodejs*` runtimes run under AWS's Node runtime client, `provided*` run
 * the `bootstrap` in `CodeUri`; `Metadata.BuildMethod: esbuild` builds the handler
 * (from `BuildProperties.EntryPoints`); `HttpApi` and `Api` events become routes of the
 * API front end. `!Ref`, `!Sub` and `!GetAtt` of parameters, pseudo parameters and
 * functions are resolved. Whatever cannot run as on AWS is left out with a warning.
 *
 * @example
 * ```ts
 * const { functions, taskRoot, warnings } = await loadTemplate('template.yaml', { parameterOverrides: { Stage: 'dev' } });
 * warnings.forEach((line) => console.warn(line));
 * ```
 */
export async function loadTemplate(path: string, options: TemplateOptions = {}): Promise<LoadedTemplate> {
  const { file, text } = await readConfigFile(path);
  let template: Properties;
  try {
    template = parse(text, { customTags: [...cloudFormationTags], uniqueKeys: false }) as Properties;
  } catch (cause) {
    throw new EmulatorConfigError(`${file} is not a valid template: ${(cause as Error).message}`, { cause });
  }
  if (typeof template !== 'object' || template === null || typeof template.Resources !== 'object' || template.Resources === null) {
    throw new EmulatorConfigError(`${file} has no Resources`);
  }
  const warnings: string[] = [];
  const resources = template.Resources as Record<string, { Type?: string; Properties?: Properties; Metadata?: Properties }>;
  const scope = intrinsicScope(template, resources, options.parameterOverrides ?? {}, warnings);
  const urls = functionUrls(resources, scope);
  const globals = ((template.Globals as Properties | undefined)?.Function ?? {}) as Properties;

  const functions: FunctionConfig[] = [];
  for (const [id, resource] of Object.entries(resources)) {
    const where = `${id} (${resource.Type})`;
    const warnIn = (message: string): void => void warnings.push(`${where}: ${message}`);
    const local: IntrinsicScope = { ...scope, warn: warnIn };
    if (resource.Type === 'AWS::Serverless::Function') {
      const merged = mergeGlobals(globals, resource.Properties ?? {});
      const config = functionConfig(id, resolveIntrinsics(merged, local) as Properties, 'CodeUri', resource.Metadata, urls.get(id), warnIn);
      if (config) functions.push(config);
    } else if (resource.Type === 'AWS::Lambda::Function') {
      const config = functionConfig(id, resolveIntrinsics(resource.Properties ?? {}, local) as Properties, 'Code', resource.Metadata, urls.get(id), warnIn);
      if (config) functions.push(config);
    }
  }
  if (functions.length === 0) throw new EmulatorConfigError(`${file} has no function the emulator can run${warnings.length ? `:\n${warnings.join('\n')}` : ''}`);
  return { functions, taskRoot: dirname(file), warnings };
}

function intrinsicScope(
  template: Properties,
  resources: Record<string, { Type?: string }>,
  overrides: Readonly<Record<string, string>>,
  warnings: string[],
): IntrinsicScope {
  const parameters: Record<string, string> = {
    'AWS::Region': process.env.AWS_REGION ?? EMULATOR_REGION,
    'AWS::AccountId': EMULATOR_ACCOUNT_ID,
    'AWS::Partition': 'aws',
    'AWS::StackName': 'local',
    'AWS::StackId': `arn:aws:cloudformation:${EMULATOR_REGION}:${EMULATOR_ACCOUNT_ID}:stack/local/00000000-0000-0000-0000-000000000000`,
    'AWS::URLSuffix': 'amazonaws.com',
    'AWS::NoValue': '',
  };
  const declared = (template.Parameters ?? {}) as Record<string, { Default?: unknown }>;
  for (const [name, parameter] of Object.entries(declared)) {
    if (parameter?.Default !== undefined) parameters[name] = String(parameter.Default);
  }
  for (const [name, value] of Object.entries(overrides)) {
    if (!Object.hasOwn(declared, name)) warnings.push(`--parameter-overrides ${name}: the template declares no such parameter`);
    parameters[name] = value;
  }
  const isFunction = (id: string): boolean => resources[id]?.Type === 'AWS::Serverless::Function' || resources[id]?.Type === 'AWS::Lambda::Function';
  return {
    parameters,
    ref: (id) => (Object.hasOwn(resources, id) ? id : undefined),
    getAtt: (id, attribute) => {
      if (isFunction(id) && attribute === 'Arn') return functionArn(id);
      if (attribute === 'FunctionUrl') {
        const target = id.endsWith('Url') && isFunction(id.slice(0, -3)) ? id.slice(0, -3) : id;
        return `https://${functionUrlId(target)}.lambda-url.${EMULATOR_REGION}.on.aws/`;
      }
      return undefined;
    },
    warn: (message) => void warnings.push(message),
  };
}

/** `AWS::Lambda::Url` resources by the logical id of their target function: the `InvokeMode`. */
function functionUrls(resources: Record<string, { Type?: string; Properties?: Properties }>, scope: IntrinsicScope): Map<string, string> {
  const urls = new Map<string, string>();
  for (const resource of Object.values(resources)) {
    if (resource.Type !== 'AWS::Lambda::Url') continue;
    const target = resource.Properties?.TargetFunctionArn as Record<string, unknown> | string | undefined;
    let id: string | undefined;
    if (typeof target === 'object' && target !== null) {
      const getAtt = target['Fn::GetAtt'];
      id = 'Ref' in target ? String(target.Ref) : Array.isArray(getAtt) ? String(getAtt[0]) : undefined;
    } else if (typeof target === 'string') id = target.split(':').at(-1);
    const mode = resolveIntrinsics(resource.Properties?.InvokeMode ?? 'BUFFERED', scope);
    if (id !== undefined) urls.set(id, String(mode));
  }
  return urls;
}

/** `Globals.Function` under a function's own properties: maps merge (environment variables), other values are replaced. */
function mergeGlobals(globals: Properties, own: Properties): Properties {
  const merged: Properties = { ...globals };
  for (const [key, value] of Object.entries(own)) {
    const base = merged[key];
    merged[key] = isMap(base) && isMap(value) && !isIntrinsic(value) ? mergeGlobals(base, value) : value;
  }
  return merged;
}

function isMap(value: unknown): value is Properties {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isIntrinsic(value: Properties): boolean {
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0]!.startsWith('Fn::'));
}

function functionConfig(
  id: string,
  properties: Properties,
  codeKey: 'CodeUri' | 'Code',
  metadata: Properties | undefined,
  urlInvokeMode: string | undefined,
  warn: (message: string) => void,
): FunctionConfig | undefined {
  for (const key of Object.keys(properties)) {
    if (!READ.has(key) && !DEPLOYMENT_ONLY.has(key)) warn(`property ${key} is not supported by the emulator and is ignored`);
  }
  if (properties.PackageType === 'Image') {
    warn('container image functions are not supported; the function is left out');
    return undefined;
  }
  const runtime = String(properties.Runtime ?? '');
  const handler = typeof properties.Handler === 'string' ? properties.Handler : undefined;
  const code = properties[codeKey];
  if (typeof code !== 'string' && code !== undefined) {
    warn(`${codeKey} must be a local folder to run locally (an S3 location or inline code cannot); the function is left out`);
    return undefined;
  }
  if (typeof code === 'string' && /\.(zip|jar)$/i.test(code)) {
    warn(`${codeKey} ${code} is an archive; point it at the folder of the code; the function is left out`);
    return undefined;
  }
  const config: Record<string, unknown> = { name: id, taskRoot: code ?? '.' };
  if (/^nodejs\d+\.x$/.test(runtime)) {
    if (!handler) {
      warn('Handler is missing; the function is left out');
      return undefined;
    }
    config.runtime = 'nodejs';
    config.handler = handler;
  } else if (/^provided(\.al2023|\.al2)?$/.test(runtime)) {
    config.runtime = 'provided';
    // `_HANDLER` is the bootstrap's to read, as the template says it.
    config.handler = handler ?? 'bootstrap';
  } else {
    warn(`runtime ${JSON.stringify(runtime)} is not supported (nodejs*.x and provided* are); the function is left out`);
    return undefined;
  }
  const number = (property: string): number | undefined => {
    const value = properties[property];
    if (value === undefined) return undefined;
    const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
    if (!Number.isFinite(n)) throw new EmulatorConfigError(`function ${JSON.stringify(id)}: ${property} must be a number, got ${JSON.stringify(value)}`);
    return n;
  };
  const timeout = number('Timeout');
  const memory = number('MemorySize');
  const reserved = number('ReservedConcurrentExecutions');
  if (timeout !== undefined) config.timeoutSeconds = timeout;
  if (memory !== undefined) config.memoryMB = memory;
  if (reserved !== undefined) config.concurrency = reserved;
  const variables = (properties.Environment as Properties | undefined)?.Variables;
  if (isMap(variables)) {
    config.environment = Object.fromEntries(
      Object.entries(variables).filter(([, value]) => value !== undefined).map(([name, value]) => [name, String(value)]),
    );
  }
  const url = properties.FunctionUrlConfig as Properties | undefined;
  const invokeMode = url?.InvokeMode ?? urlInvokeMode;
  if (invokeMode !== undefined) config.invokeMode = String(invokeMode);
  const build = buildOf(metadata, warn);
  if (build && config.runtime !== 'provided') config.build = build;
  const routes = routesOf((properties.Events ?? {}) as Record<string, { Type?: string; Properties?: Properties }>, warn);
  if (routes.length > 0) config.routes = routes;
  return config as unknown as FunctionConfig;
}

function buildOf(metadata: Properties | undefined, warn: (message: string) => void): { entry?: string } | undefined {
  if (metadata?.BuildMethod === undefined) return undefined;
  if (metadata.BuildMethod !== 'esbuild') {
    warn(`Metadata BuildMethod ${JSON.stringify(metadata.BuildMethod)} is not supported (esbuild is); the code runs as it is`);
    return undefined;
  }
  const properties = (metadata.BuildProperties ?? {}) as Properties;
  for (const key of Object.keys(properties)) {
    if (!BUILD_PROPERTIES.has(key)) warn(`Metadata BuildProperties ${key} is not supported and is ignored`);
  }
  const entry: unknown = Array.isArray(properties.EntryPoints) ? (properties.EntryPoints as unknown[])[0] : undefined;
  return typeof entry === 'string' ? { entry } : {};
}

function routesOf(events: Record<string, { Type?: string; Properties?: Properties }>, warn: (message: string) => void): ApiRoute[] {
  const routes: ApiRoute[] = [];
  for (const [name, event] of Object.entries(events)) {
    const properties = event.Properties ?? {};
    if (event.Type === 'HttpApi') {
      if (properties.PayloadFormatVersion !== undefined && String(properties.PayloadFormatVersion) !== '2.0') {
        warn(`event ${name}: PayloadFormatVersion ${String(properties.PayloadFormatVersion)} is served as 2.0`);
      }
      const path = typeof properties.Path === 'string' ? properties.Path : '$default';
      const method = typeof properties.Method === 'string' ? properties.Method.toUpperCase() : 'ANY';
      routes.push({ api: 'http', path: path === '$default' ? '/$default' : path, method: method === '*' ? 'ANY' : method });
    } else if (event.Type === 'Api') {
      if (typeof properties.Path !== 'string' || typeof properties.Method !== 'string') {
        warn(`event ${name}: an Api event needs Path and Method; it is left out`);
        continue;
      }
      const method = properties.Method.toUpperCase();
      const mode = properties.ResponseTransferMode === 'STREAM' ? 'STREAM' : 'BUFFERED';
      routes.push({ api: 'rest', path: properties.Path, method: method === '*' ? 'ANY' : method, responseTransferMode: mode });
    } else {
      warn(`event ${name} (${event.Type}) is not triggered locally; invoke the function with \`rx-lambda invoke\``);
    }
  }
  return routes;
}
