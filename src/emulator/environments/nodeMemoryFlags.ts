/**
 * Node's heap limits for a function of `memoryMB`, sized as AWS's Node runtime sizes them:
 * a tenth of the memory for the young generation (half of it per semi-space) and the rest
 * for the old generation. A function that outgrows them fails with V8's "heap out of
 * memory", which the emulator reports as `Runtime.OutOfMemory`. Source: the Lambda Node.js
 * runtime's bootstrap (`new_space = memory / 10`, `semi_space = new_space / 2`,
 * `old_space = memory - new_space`).
 *
 * @example
 * ```ts
 * nodeMemoryFlags(128); // ['--max-semi-space-size=6', '--max-old-space-size=116']
 * ```
 */
export function nodeMemoryFlags(memoryMB: number): string[] {
  const newSpace = Math.floor(memoryMB / 10);
  return [`--max-semi-space-size=${Math.floor(newSpace / 2)}`, `--max-old-space-size=${memoryMB - newSpace}`];
}
