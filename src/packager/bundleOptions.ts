import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { BuildOptions, Plugin } from 'esbuild';

/**
 * Node versions a bundle targets: `nodejs22.x`, `nodejs24.x`, the Node that
 * `provided.al2023` zips carry, and the Node the emulator runs. Source: `engines.node` in
 * package.json (>= 22.19).
 */
export const BUNDLE_TARGET = 'node22';

/**
 * Bundled CommonJS dependencies (undici) call `require()` for Node built-ins, which an ES
 * module bundle does not have; this banner defines it once per bundle.
 */
export const CREATE_REQUIRE_BANNER =
  "import { createRequire as __rxLambdaCreateRequire } from 'node:module'; const require = __rxLambdaCreateRequire(import.meta.url);";

/**
 * A CommonJS bundle has no `import.meta`: this banner gives `import.meta.url` its value
 * (see `bundleOptions`' `define`), so code that reads it runs the same in either format.
 */
export const IMPORT_META_URL_BANNER = "const __rxLambdaImportMetaUrl = require('node:url').pathToFileURL(__filename).href;";

/** The format of a bundle: an ES module, or CommonJS (Node starts it without its ES module loader). */
export type BundleFormat = 'esm' | 'cjs';

/** What the bundle is built from and how. */
export interface BundleSettings {
  /** The folder imports of the entry resolve from (the user's project). */
  readonly resolveDir: string;
  /**
   * The entry module: a file, or source text (resolved from `resolveDir`) read as
   * JavaScript or TypeScript (`loader`, default `ts`, which also reads plain JavaScript).
   */
  readonly entry:
    | { readonly kind: 'file'; readonly path: string }
    | { readonly kind: 'source'; readonly contents: string; readonly sourcefile: string; readonly loader?: 'js' | 'ts' };
  /** The output file name; esbuild names the source map after it. */
  readonly outfile: string;
  /** Minify (the packager) or keep names readable (a development build). Default `true`. */
  readonly minify?: boolean;
  /**
   * `bundle` (default): every import goes into the bundle, as a deployment package needs;
   * `external`: imports of packages are left to Node at run time (the emulator runs the
   * bundle inside the project, next to its `node_modules`).
   */
  readonly packages?: 'bundle' | 'external';
  /** Default `esm`. A `cjs` bundle cannot hold top-level `await`; see `packageHandler`. */
  readonly format?: BundleFormat;
}

/**
 * The one set of esbuild options for a handler bundle, used by the packager and by the
 * emulator's build of TypeScript handlers, so a handler runs the same code locally and on
 * Lambda: bundled for Node (`BUNDLE_TARGET`), TypeScript as users write it, a linked source
 * map that carries its sources, and, when packages are bundled, rxjs from its ES module
 * build (see `rxjsEsmPlugin`) and `require` defined for bundled CommonJS. An ES module by
 * default; CommonJS on request, with `import.meta.url`, `import.meta.dirname` and
 * `import.meta.filename` still defined.
 *
 * @example
 * ```ts
 * import { build } from 'esbuild';
 * const result = await build({ ...bundleOptions({ resolveDir: process.cwd(), entry: { kind: 'file', path: 'src/app.ts' }, outfile: 'index.mjs' }), write: false });
 * ```
 */
export function bundleOptions(settings: BundleSettings): BuildOptions {
  const entry: BuildOptions =
    settings.entry.kind === 'file'
      ? { entryPoints: [settings.entry.path], absWorkingDir: settings.resolveDir }
      : {
          stdin: { contents: settings.entry.contents, resolveDir: settings.resolveDir, sourcefile: settings.entry.sourcefile, loader: settings.entry.loader ?? 'ts' },
          absWorkingDir: settings.resolveDir,
        };
  const bundlePackages = (settings.packages ?? 'bundle') === 'bundle';
  const format = settings.format ?? 'esm';
  const banner = format === 'cjs' ? IMPORT_META_URL_BANNER : bundlePackages ? CREATE_REQUIRE_BANNER : undefined;
  return {
    ...entry,
    bundle: true,
    platform: 'node',
    format,
    target: BUNDLE_TARGET,
    outfile: settings.outfile,
    minify: settings.minify ?? true,
    sourcemap: 'linked',
    sourcesContent: true,
    legalComments: 'none',
    logLevel: 'silent',
    ...(bundlePackages ? { plugins: [rxjsEsmPlugin] } : { packages: 'external' as const }),
    ...(banner === undefined ? {} : { banner: { js: banner } }),
    ...(format === 'cjs'
      ? { define: { 'import.meta.url': '__rxLambdaImportMetaUrl', 'import.meta.dirname': '__dirname', 'import.meta.filename': '__filename' } }
      : {}),
  };
}

/**
 * Bundles rxjs from its ES module build. Node's resolution picks rxjs's CommonJS build
 * (the `node` condition comes first in its exports), which esbuild cannot tree-shake, so
 * the whole library would load on every cold start. The ES module build's imports have no
 * file extensions, so only a bundler can use it. rxjs is found from the importing file, so
 * a project's own copy is the one bundled.
 *
 * @example
 * ```ts
 * await build({ entryPoints: ['app.ts'], bundle: true, format: 'esm', plugins: [rxjsEsmPlugin] });
 * ```
 */
export const rxjsEsmPlugin: Plugin = {
  name: 'rxjs-esm',
  setup(builder) {
    builder.onResolve({ filter: /^rxjs(\/operators)?$/ }, (args) => {
      const from = createRequire(join(args.resolveDir || process.cwd(), 'noop.js'));
      const root = dirname(from.resolve('rxjs/package.json'));
      return { path: join(root, 'dist', 'esm', args.path === 'rxjs' ? 'index.js' : 'operators/index.js') };
    });
  },
};
