/** Exit code of a process that ends because of SIGTERM: 128 + 15, as a shell reports a process killed by it. */
export const SIGTERM_EXIT_CODE = 143;

/**
 * Makes SIGTERM end the process through a normal exit (`process.exit`) instead of the
 * signal's default: Lambda's shutdown phase, and the emulator stopping an environment,
 * send SIGTERM before SIGKILL, and a normal exit runs `exit` handlers and lets V8 write its
 * coverage (`NODE_V8_COVERAGE`), which a death by signal does not.
 *
 * @example
 * ```ts
 * exitOnSigterm();
 * await startRuntime(handler);
 * ```
 */
export function exitOnSigterm(): void {
  process.once('SIGTERM', () => process.exit(SIGTERM_EXIT_CODE));
}
