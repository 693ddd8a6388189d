import { relative, resolve } from 'node:path';
import type { Plugin } from 'esbuild';
import { HandlerBuildError } from '../../errors.js';
import { bundleOptions } from '../../packager/bundleOptions.js';

/** What `buildHandler` bundles, and how. */
export interface BuildHandlerOptions {
  /**
   * The handler's module file (`.ts`, `.mts`, `.js`, `.mjs`), absolute or relative to `cwd`;
   * or source text to bundle (a wrapper that imports the handler, as the packager writes).
   */
  readonly entry: string | { readonly contents: string; readonly resolveDir: string; readonly sourcefile?: string };
  /** Where the ES module bundle goes (its source map beside it, `.map`). */
  readonly outFile: string;
  /**
   * `packages` (default) leaves imports of packages to Node at run time, as the
   * emulator runs the bundle inside the project; `none` bundles them too, as a deployment
   * package needs.
   */
  readonly external?: 'packages' | 'none';
  /** Default the current folder; a `tsconfig.json` is found from the entry's folder up, for `paths`. */
  readonly cwd?: string;
  /** esbuild plugins (the packager's resolve `rx-lambda` and `rxjs` its own way). */
  readonly plugins?: readonly Plugin[];
  /** Text put at the top of the bundle. */
  readonly banner?: string;
  /** `false` only reads the sources to list `inputs` (what a plain JavaScript handler imports), writing nothing. */
  readonly write?: boolean;
}

/** A finished build. */
export interface HandlerBuild {
  readonly outFile: string;
  /** Absolute paths of every source file that went into the bundle (what `--watch` watches). */
  readonly inputs: readonly string[];
}

/**
 * Bundles a handler with esbuild the way it deploys, with the packager's options
 * (`bundleOptions`, unminified): TypeScript as users write it (`.js` imports of `.ts` files,
 * enums, `tsconfig` `paths`), an ES module for Node 22+, with a linked source map so stack
 * traces (under `--enable-source-maps`) point at the `.ts` lines. esbuild is loaded only
 * when a build is needed. Throws `HandlerBuildError` with esbuild's messages when the code
 * does not build.
 *
 * @example
 * ```ts
 * const build = await buildHandler({ entry: 'src/app.ts', outFile: '.rx-lambda/build/app/app.mjs' });
 * console.log(build.inputs); // ['/project/src/app.ts', '/project/src/lib/util.ts']
 * ```
 */
export async function buildHandler(options: BuildHandlerOptions): Promise<HandlerBuild> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const source = typeof options.entry === 'string' ? undefined : options.entry;
  const entry = typeof options.entry === 'string' ? resolve(cwd, options.entry) : (options.entry.sourcefile ?? 'entry.mjs');
  const { build } = await import('esbuild');
  // The packager's options (one configuration for what runs locally and what deploys), not minified.
  const shared = bundleOptions({
    resolveDir: source ? source.resolveDir : cwd,
    entry: source ? { kind: 'source', contents: source.contents, sourcefile: entry, loader: 'ts' } : { kind: 'file', path: entry },
    outfile: resolve(cwd, options.outFile),
    minify: false,
    packages: options.external === 'none' ? 'bundle' : 'external',
  });
  const banner = [options.banner, shared.banner?.js].filter((line) => line !== undefined).join('\n');
  try {
    const result = await build({
      ...shared,
      absWorkingDir: cwd,
      plugins: [...(shared.plugins ?? []), ...(options.plugins ?? [])],
      ...(banner ? { banner: { js: banner } } : {}),
      metafile: true,
      write: options.write ?? true,
    });
    return {
      outFile: resolve(cwd, options.outFile),
      inputs: Object.keys(result.metafile.inputs)
        .filter((input) => input !== '<stdin>')
        .map((input) => resolve(cwd, input)),
    };
  } catch (error) {
    const errors = (error as { errors?: { text: string; location?: { file: string; line: number; column: number } | null }[] }).errors;
    const messages = errors?.map(({ text, location }) =>
      location ? `${relative(cwd, resolve(cwd, location.file))}:${location.line}:${location.column}: ${text}` : text,
    );
    throw new HandlerBuildError(relative(cwd, entry) || entry, messages ?? [String(error)], { cause: error });
  }
}
