/** Lambda runtimes the packager builds for. Source: Lambda runtimes list (nodejs22.x, nodejs24.x, provided.al2023). */
export const PACKAGE_RUNTIMES = ['nodejs24.x', 'nodejs22.x', 'provided.al2023'] as const;
/** Lambda instruction set architectures. Source: Lambda `Architectures` (x86_64, arm64). */
export const PACKAGE_ARCHITECTURES = ['x86_64', 'arm64'] as const;
/** Function URL invoke modes. Source: Lambda `FunctionUrlConfig.InvokeMode`. */
export const INVOKE_MODES = ['RESPONSE_STREAM', 'BUFFERED'] as const;

/** A Lambda runtime the packager builds for. */
export type PackageRuntime = (typeof PACKAGE_RUNTIMES)[number];
/** A Lambda architecture. */
export type PackageArchitecture = (typeof PACKAGE_ARCHITECTURES)[number];
/** How callers receive the response: streamed (`RESPONSE_STREAM`) or whole (`BUFFERED`). */
export type InvokeMode = (typeof INVOKE_MODES)[number];

/**
 * Where a packaged function runs and how it answers.
 *
 * @example
 * ```ts
 * const target: PackageTarget = { runtime: 'nodejs24.x', arch: 'arm64', invokeMode: 'BUFFERED' };
 * ```
 */
export interface PackageTarget {
  readonly runtime: PackageRuntime;
  readonly arch: PackageArchitecture;
  readonly invokeMode: InvokeMode;
}
