import { readFile, stat, mkdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { zipSync, type Zippable } from 'fflate';
import { parseHandlerName } from '../src/parseHandlerName.js';
import { PROVIDED_BOOTSTRAP } from './providedBootstrap.js';

/** The repository root: `rx-lambda` imports in a bundled handler resolve to its `src/`. */
const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Extensions tried, in order, for the module of a `path/module.export` handler. */
const MODULE_EXTENSIONS = ['.ts', '.mts', '.js', '.mjs'] as const;

/** Zip `os` value for Unix, so the `attrs` high 16 bits are a file mode. Source: PKWARE APPNOTE 4.4.2.2. */
const ZIP_OS_UNIX = 3;
/** A regular, executable file (`-rwxr-xr-x`): S_IFREG | 0o755. */
const MODE_EXECUTABLE = 0o100755;
/** A regular, readable file (`-rw-r--r--`): S_IFREG | 0o644. */
const MODE_FILE = 0o100644;
/** Entries carry a fixed time so the same input gives the same zip. DOS dates start in 1980. */
const FIXED_MTIME = new Date(Date.UTC(1980, 0, 1));
/** Deflate level for a bundled Node binary: about as small as 9, several times faster on ~100 MB. */
const NODE_BINARY_LEVEL = 6;
/** Node versions the bundles target: `nodejs24.x`, and Node 22 or later on `provided.al2023`. Source: package.json engines. */
const BUNDLE_TARGET = 'node22';

/** What to package. */
export interface PackageOptions {
  /** The handler in AWS form, `path/module.export`, relative to `cwd`. */
  readonly handler: string;
  /** Folder the zips go to. */
  readonly outDir: string;
  /** Put this Node binary into the `provided.al2023` zip as `bin/node` (it must be a Linux build for the function's architecture). */
  readonly nodeBinary?: string;
  readonly cwd?: string;
}

/** One zip written by `packageHandler`. */
export interface PackagedZip {
  readonly runtime: 'provided.al2023' | 'nodejs24.x';
  readonly path: string;
  readonly bytes: number;
  /** The `Handler` setting for the function (`index.handler`), or `bootstrap` for the custom runtime. */
  readonly handlerSetting: string;
  readonly files: readonly string[];
}

/**
 * Bundles a handler with esbuild into two deployment zips: `provided.al2023.zip` (an
 * executable `bootstrap` that runs the rx-lambda runtime on the bundled handler, as
 * `runtime.mjs`) and `nodejs24.x.zip` (`index.mjs` exporting the handler wrapped with
 * `streamifyHandler`, for the managed Node runtime with `Handler: index.handler`).
 *
 * @example
 * ```ts
 * const [provided, nodejs] = await packageHandler({ handler: 'examples/deploy/handler.handler', outDir: 'examples/deploy/build' });
 * console.log(provided.path, nodejs.path);
 * ```
 */
export async function packageHandler(options: PackageOptions): Promise<readonly [PackagedZip, PackagedZip]> {
  const cwd = options.cwd ?? process.cwd();
  const { modulePath, exportName } = resolveHandler(options.handler, cwd);
  const outDir = resolve(cwd, options.outDir);
  await mkdir(outDir, { recursive: true });

  const runtimeSource = [
    `import * as userModule from ${JSON.stringify(modulePath)};`,
    `import { startRuntime } from 'rx-lambda/runtime';`,
    `const handler = userModule[${JSON.stringify(exportName)}];`,
    `if (typeof handler !== 'function') {`,
    `  console.error(${JSON.stringify(`${options.handler} is not an exported function`)});`,
    `  process.exit(1);`,
    `}`,
    `startRuntime(handler).then(() => process.exit(0), (error) => { console.error(error); process.exit(1); });`,
  ].join('\n');
  const managedSource = [
    `import * as userModule from ${JSON.stringify(modulePath)};`,
    `import { streamifyHandler } from 'rx-lambda/runtime';`,
    `export const handler = streamifyHandler(userModule[${JSON.stringify(exportName)}]);`,
  ].join('\n');

  const providedFiles: Zippable = {
    bootstrap: [new TextEncoder().encode(PROVIDED_BOOTSTRAP), unixMode(MODE_EXECUTABLE)],
    'runtime.mjs': [await bundle(runtimeSource, cwd), unixMode(MODE_FILE)],
  };
  if (options.nodeBinary !== undefined) {
    const node = resolve(cwd, options.nodeBinary);
    if (!(await stat(node)).isFile()) throw new Error(`--node-binary ${node} is not a file`);
    providedFiles['bin/node'] = [await readFile(node), { ...unixMode(MODE_EXECUTABLE), level: NODE_BINARY_LEVEL }];
  }
  const nodejsFiles: Zippable = {
    'index.mjs': [await bundle(managedSource, cwd), unixMode(MODE_FILE)],
  };
  return [
    await writeZip('provided.al2023', providedFiles, join(outDir, 'provided.al2023.zip'), 'bootstrap'),
    await writeZip('nodejs24.x', nodejsFiles, join(outDir, 'nodejs24.x.zip'), 'index.handler'),
  ];
}

/** `path/module.export` → the module file (first of `MODULE_EXTENSIONS` that exists) and the export name. */
export function resolveHandler(handler: string, cwd: string): { modulePath: string; exportName: string } {
  const name = parseHandlerName(handler);
  if (name === undefined) throw new Error(`handler must be 'path/module.export', got ${JSON.stringify(handler)}`);
  const base = resolve(cwd, name.directory + name.module);
  const modulePath = MODULE_EXTENSIONS.map((ext) => base + ext).find((candidate) => existsSync(candidate));
  if (modulePath === undefined) {
    throw new Error(`no module for handler ${handler}: tried ${MODULE_EXTENSIONS.map((ext) => basename(base) + ext).join(', ')} in ${dirname(base)}`);
  }
  return { modulePath, exportName: name.exportPath };
}

async function bundle(source: string, cwd: string): Promise<Uint8Array> {
  const result = await build({
    stdin: { contents: source, resolveDir: cwd, sourcefile: 'entry.mjs', loader: 'js' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: BUNDLE_TARGET,
    write: false,
    outfile: 'out.mjs',
    logLevel: 'silent',
    plugins: [rxLambdaSource, rxjsEsm],
    // Bundled CommonJS dependencies (undici) call require() for Node built-ins.
    banner: { js: "import { createRequire as __rxLambdaCreateRequire } from 'node:module'; const require = __rxLambdaCreateRequire(import.meta.url);" },
  });
  const [output] = result.outputFiles;
  if (output === undefined) throw new Error('esbuild produced no output');
  return output.contents;
}

/** Resolves `rx-lambda` and `rx-lambda/<part>` to this repository's TypeScript sources. */
const rxLambdaSource: Plugin = {
  name: 'rx-lambda-source',
  setup(builder) {
    builder.onResolve({ filter: /^rx-lambda(\/[a-z]+)?$/ }, (args) => {
      const part = args.path.slice('rx-lambda'.length);
      return { path: join(REPO_ROOT, 'src', part, 'index.ts') };
    });
  },
};

/**
 * Bundles rxjs from its ES2015 module build. Node's resolution picks rxjs's CommonJS build
 * (the `node` condition comes first in its exports), which esbuild cannot tree-shake: the
 * whole library would load on every cold start. The ES module build's imports have no file
 * extensions, so only a bundler can use it; here one does.
 */
const rxjsEsm: Plugin = {
  name: 'rxjs-esm',
  setup(builder) {
    builder.onResolve({ filter: /^rxjs(\/operators)?$/ }, (args) => {
      const root = dirname(createRequire(join(args.resolveDir || REPO_ROOT, 'noop.js')).resolve('rxjs/package.json'));
      return { path: join(root, 'dist', 'esm', args.path === 'rxjs' ? 'index.js' : 'operators/index.js') };
    });
  },
};

function unixMode(mode: number): { os: number; attrs: number; mtime: Date } {
  // The mode goes in the high 16 bits; `>>> 0` keeps it an unsigned 32-bit value.
  return { os: ZIP_OS_UNIX, attrs: (mode << 16) >>> 0, mtime: FIXED_MTIME };
}

async function writeZip(runtime: PackagedZip['runtime'], files: Zippable, path: string, handlerSetting: string): Promise<PackagedZip> {
  const zip = zipSync(files, { level: 9 });
  await writeFile(path, zip);
  return { runtime, path, bytes: zip.byteLength, handlerSetting, files: Object.keys(files) };
}
