import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { BuildOptions, Plugin } from 'esbuild';

/**
 * Node versions a bundle targets: `nodejs22.x`, `nodejs24.x`, and the Node that
 * `provided.al2023` zips carry. Source: `engines.node` in package.json (>= 22.19).
 */
export const BUNDLE_TARGET = 'node22';

/**
 * Bundled CommonJS dependencies (undici) call `require()` for Node built-ins, which an ES
 * module bundle does not have; this banner defines it once per bundle.
 */
export const CREATE_REQUIRE_BANNER =
  "import { createRequire as __rxLambdaCreateRequire } from 'node:module'; const require = __rxLambdaCreateRequire(import.meta.url);";

/** What the bundle is built from and how. */
export interface BundleSettings {
  /** The folder imports of the entry resolve from (the user's project). */
  readonly resolveDir: string;
  /** The entry module: a file, or source text (resolved from `resolveDir`). */
  readonly entry: { readonly kind: 'file'; readonly path: string } | { readonly kind: 'source'; readonly contents: string; readonly sourcefile: string };
  /** The output file name; esbuild names the source map after it. */
  readonly outfile: string;
  /** Minify (the packager) or keep names readable (a development build). Default `true`. */
  readonly minify?: boolean;
}

/**
 * The one set of esbuild options for a handler bundle: an ES module for Node, minified,
 * with a linked source map that carries its sources, rxjs from its ES module build (see
 * `rxjsEsmPlugin`) and `require` defined for bundled CommonJS. The packager uses it, and
 * so does anything else that builds a handler (a development server), so a handler runs
 * the same code locally and on Lambda.
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
          stdin: { contents: settings.entry.contents, resolveDir: settings.resolveDir, sourcefile: settings.entry.sourcefile, loader: 'js' },
          absWorkingDir: settings.resolveDir,
        };
  return {
    ...entry,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: BUNDLE_TARGET,
    outfile: settings.outfile,
    minify: settings.minify ?? true,
    sourcemap: 'linked',
    sourcesContent: true,
    legalComments: 'none',
    logLevel: 'silent',
    plugins: [rxjsEsmPlugin],
    banner: { js: CREATE_REQUIRE_BANNER },
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
