import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time a process has used so far, in milliseconds: the sum over its threads (the main
 * thread, V8's helpers, libuv's pool) of the first field of Linux's
 * `/proc/<pid>/task/<tid>/schedstat` (nanoseconds on a CPU), which is exact where
 * `/proc/<pid>/stat`'s clock ticks are 10 ms coarse.
 *
 * @example
 * ```ts
 * const before = processCpuMs(child.pid!);
 * await work();
 * const cpuMs = processCpuMs(child.pid!) - before;
 * ```
 */
export function processCpuMs(pid: number): number {
  let ns = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // The thread ended between the listing and the read: its time is gone with it.
    }
  }
  return ns / 1e6;
}
