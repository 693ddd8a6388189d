import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { PackagerError } from '../errors.js';
import { parseHandlerName } from '../parseHandlerName.js';
import { bundleOptions, type BundleFormat } from './bundleOptions.js';
import { checkNodeBinary } from './checkNodeBinary.js';
import { handlerEntrySource } from './handlerEntrySource.js';
import type { PackageTarget } from './PackageTarget.js';
import { providedBootstrap } from './providedBootstrap.js';
import { NODE_RUNTIME_VERSION, resolveNodeBinary } from './resolveNodeBinary.js';
import { samTemplateFragment } from './samTemplateFragment.js';
import { MODE_EXECUTABLE, MODE_FILE, writeZip, type ZipEntry } from './writeZip.js';

/** Extensions tried, in order, for the module of a `path/module.export` handler. */
export const HANDLER_MODULE_EXTENSIONS = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'] as const;

/** What to package. */
export interface PackageOptions {
  /** The handler in AWS form, `path/module.export`, relative to `cwd`. */
  readonly handler: string;
  /** Runtime, architecture and invoke mode; defaults `nodejs24.x`, `x86_64`, `RESPONSE_STREAM`. */
  readonly target?: Partial<PackageTarget>;
  /** Folder the zips go to, relative to `cwd`. */
  readonly outDir: string;
  /** The project folder (its `node_modules` is where `rx-lambda` and `rxjs` come from). Default `process.cwd()`. */
  readonly cwd?: string;
  /** `provided.al2023`: put Node in a separate layer zip instead of the function zip. */
  readonly layer?: boolean;
  /** `provided.al2023`: use this Linux Node binary (checked against the architecture) instead of the pinned one. */
  readonly nodeBinary?: string;
  /** Where a downloaded Node package is kept; see `defaultCacheDir`. */
  readonly cacheDir?: string;
  /** Progress notes. */
  readonly log?: (line: string) => void;
}

/** One zip written. */
export interface WrittenZip {
  readonly path: string;
  readonly bytes: number;
  readonly files: readonly string[];
}

/** What `packageHandler` wrote. */
export interface PackageResult {
  readonly target: PackageTarget;
  /** `DIR/<runtime>.zip`. */
  readonly functionZip: WrittenZip;
  /** `DIR/node-<version>-<arch>-layer.zip` with `--layer`. */
  readonly layerZip?: WrittenZip;
  /** The function's `Handler` setting: `index.handler`, or the bundled handler's name for `provided.al2023`. */
  readonly handlerSetting: string;
  /** Bytes of the minified bundle (`index.mjs`, or `runtime.cjs` / `runtime.mjs`). */
  readonly bundleBytes: number;
  /** The SAM template fragment (YAML), paths relative to `cwd`. */
  readonly templateFragment: string;
}

/**
 * Bundles a handler and what it imports (rx-lambda and rxjs from the project's
 * `node_modules`, rxjs from its ES module build) with esbuild, minified with a source map,
 * into a Lambda deployment zip `DIR/<runtime>.zip`:
 * - `nodejs24.x` / `nodejs22.x`: `index.mjs` (`Handler: index.handler`), the handler wrapped
 *   with `streamifyHandler` (`RESPONSE_STREAM`) or `bufferedHandler` (`BUFFERED`);
 * - `provided.al2023`: an executable `bootstrap`, `runtime.cjs` (rx-lambda's runtime loop on
 *   the handler, as CommonJS; `runtime.mjs` when the code needs an ES module: top-level
 *   `await`, or `import.meta` beyond `url`, `dirname` and `filename`) and `bin/node`, the pinned Linux Node for the architecture; with `layer`,
 *   Node goes into its own layer zip instead.
 * Also returns a SAM template fragment for the function.
 *
 * @example
 * ```ts
 * const result = await packageHandler({ handler: 'src/api.handler', outDir: 'build', target: { runtime: 'provided.al2023', arch: 'arm64' } });
 * console.log(result.functionZip.path, result.templateFragment);
 * ```
 */
export async function packageHandler(options: PackageOptions): Promise<PackageResult> {
  const target: PackageTarget = {
    runtime: options.target?.runtime ?? 'nodejs24.x',
    arch: options.target?.arch ?? 'x86_64',
    invokeMode: options.target?.invokeMode ?? 'RESPONSE_STREAM',
  };
  const cwd = resolve(options.cwd ?? process.cwd());
  const { modulePath, exportPath, moduleName } = resolveHandler(options.handler, cwd);
  const outDir = resolve(cwd, options.outDir);
  const provided = target.runtime === 'provided.al2023';
  if (!provided && (options.layer || options.nodeBinary !== undefined)) {
    throw new PackagerError(`--layer and --node-binary are for --runtime provided.al2023 (the ${target.runtime} runtime has its own Node)`);
  }

  const entrySource = handlerEntrySource(modulePath, exportPath, options.handler, target);
  // provided.al2023 starts the bundle itself: CommonJS starts faster (no ES module loader)
  // when the code reads the same in it; the managed runtime's Handler is `index.mjs`.
  const bundle = provided ? await bundleProvided(entrySource, cwd) : await bundleEntry(entrySource, cwd, 'index.mjs', 'esm');
  // The entry reads the handler as `userModule[<export>]`: esbuild knows when that export does not exist.
  if (bundle.warnings.includes(MISSING_EXPORT_WARNING)) {
    const exported = exportPath.split('.')[0];
    throw new PackagerError(`${options.handler}: ${relative(cwd, modulePath)} has no export named ${JSON.stringify(exported)}`);
  }
  const bundleName = bundle.name;
  const entries: Record<string, ZipEntry> = {
    [bundleName]: { bytes: bundle.code, mode: MODE_FILE },
    [`${bundleName}.map`]: { bytes: bundle.map, mode: MODE_FILE },
  };

  let node: Uint8Array | undefined;
  if (provided) {
    entries.bootstrap = { bytes: new TextEncoder().encode(providedBootstrap(target.invokeMode, bundleName)), mode: MODE_EXECUTABLE };
    const nodePath =
      options.nodeBinary === undefined
        ? await resolveNodeBinary({ arch: target.arch, cwd, ...(options.cacheDir === undefined ? {} : { cacheDir: options.cacheDir }), ...(options.log ? { log: options.log } : {}) })
        : resolve(cwd, options.nodeBinary);
    await checkNodeBinary(nodePath, target.arch);
    node = await readFile(nodePath);
    if (!options.layer) entries['bin/node'] = { bytes: node, mode: MODE_EXECUTABLE };
  }

  await mkdir(outDir, { recursive: true });
  const functionZip = await write(join(outDir, `${target.runtime}.zip`), entries);
  const layerZip =
    node !== undefined && options.layer
      ? await write(join(outDir, `node-${NODE_RUNTIME_VERSION}-${target.arch}-layer.zip`), { 'bin/node': { bytes: node, mode: MODE_EXECUTABLE } })
      : undefined;
  const handlerSetting = provided ? options.handler : 'index.handler';
  const templateFragment = samTemplateFragment({
    target,
    logicalId: `${pascalCase(moduleName)}Function`,
    codeUri: portable(relative(cwd, functionZip.path)),
    handlerSetting,
    ...(layerZip ? { layerUri: portable(relative(cwd, layerZip.path)) } : {}),
  });
  return { target, functionZip, ...(layerZip ? { layerZip } : {}), handlerSetting, bundleBytes: bundle.code.byteLength, templateFragment };
}

/** `path/module.export` → the module file (first of `HANDLER_MODULE_EXTENSIONS` that exists) and the export path. */
export function resolveHandler(handler: string, cwd: string): { modulePath: string; exportPath: string; moduleName: string } {
  const name = parseHandlerName(handler);
  if (name === undefined) throw new PackagerError(`handler must be 'path/module.export', got ${JSON.stringify(handler)}`);
  const base = resolve(cwd, name.directory + name.module);
  const modulePath = HANDLER_MODULE_EXTENSIONS.map((ext) => base + ext).find((candidate) => existsSync(candidate));
  if (modulePath === undefined) {
    throw new PackagerError(`no module for handler ${handler}: tried ${HANDLER_MODULE_EXTENSIONS.map((ext) => basename(base) + ext).join(', ')} in ${dirname(base)}`);
  }
  return { modulePath, exportPath: name.exportPath, moduleName: name.module };
}

/** esbuild, imported when a bundle is built; a clear error when it is not installed. */
async function loadEsbuild(): Promise<typeof import('esbuild')> {
  try {
    return await import('esbuild');
  } catch (cause) {
    throw new PackagerError('rx-lambda package needs esbuild: install it in the project (npm install --save-dev esbuild)', { cause });
  }
}

/** esbuild warning id for a namespace import's member that the module does not export. */
const MISSING_EXPORT_WARNING = 'import-is-undefined';

/** esbuild warning id for `import.meta` used where a CommonJS bundle has none (it would be `{}`). */
const EMPTY_IMPORT_META_WARNING = 'empty-import-meta';

/**
 * The `provided.al2023` bundle: `runtime.cjs` when the code bundles as CommonJS with the
 * same meaning, else `runtime.mjs` (top-level `await` does not build as CommonJS; other
 * uses of `import.meta` would read an empty object).
 */
async function bundleProvided(source: string, cwd: string): Promise<Bundle> {
  try {
    const cjs = await bundleEntry(source, cwd, 'runtime.cjs', 'cjs');
    if (!cjs.warnings.includes(EMPTY_IMPORT_META_WARNING)) return cjs;
  } catch (error) {
    if (!(error instanceof PackagerError)) throw error;
  }
  return bundleEntry(source, cwd, 'runtime.mjs', 'esm');
}

/** A built bundle: its file name, code, source map and the ids of esbuild's warnings. */
interface Bundle {
  readonly name: string;
  readonly code: Uint8Array;
  readonly map: Uint8Array;
  readonly warnings: readonly string[];
}

async function bundleEntry(source: string, cwd: string, outName: string, format: BundleFormat): Promise<Bundle> {
  const esbuild = await loadEsbuild();
  let result: Awaited<ReturnType<typeof esbuild.build>>;
  try {
    result = await esbuild.build({
      ...bundleOptions({ resolveDir: cwd, entry: { kind: 'source', contents: source, sourcefile: 'rx-lambda-entry.mjs', loader: 'js' }, outfile: join(cwd, outName), format }),
      write: false,
    });
  } catch (cause) {
    const errors = (cause as { errors?: { text: string; location?: { file: string; line: number } | null }[] }).errors ?? [];
    const detail = errors.map((e) => (e.location ? `${e.location.file}:${e.location.line}: ${e.text}` : e.text)).join('; ');
    throw new PackagerError(`esbuild could not bundle the handler: ${detail || (cause as Error).message}`, { cause });
  }
  const outputs = result.outputFiles ?? [];
  const code = outputs.find((file) => file.path.endsWith(outName));
  const map = outputs.find((file) => file.path.endsWith(`${outName}.map`));
  if (code === undefined || map === undefined) throw new PackagerError('esbuild produced no bundle');
  return { name: outName, code: code.contents, map: map.contents, warnings: result.warnings.map((warning) => warning.id) };
}

async function write(path: string, entries: Record<string, ZipEntry>): Promise<WrittenZip> {
  return { path, bytes: await writeZip(path, entries), files: Object.keys(entries) };
}

function pascalCase(name: string): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const id = words.map((word) => word[0]!.toUpperCase() + word.slice(1)).join('');
  return /^[A-Za-z]/.test(id) ? id : `Handler${id}`;
}

/** A path with `/` separators, as templates write them. */
function portable(path: string): string {
  return path.split(sep).join('/');
}
