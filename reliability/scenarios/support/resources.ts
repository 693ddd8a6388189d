import { readdirSync, readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Bytes in a megabyte, for the figures the scenarios print. */
export const MB = 1024 * 1024;

/** Runs a full garbage collection (exposing `gc` for this process if it is not). */
export function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  gc();
}

/** Heap in use plus Buffer memory after a full collection, bytes: what a leak would grow. */
export function liveBytes(): number {
  collectGarbage();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

/** Open file descriptors of this process (Linux `/proc/self/fd`), or -1 where there is no /proc. */
export function openFds(): number {
  try {
    return readdirSync('/proc/self/fd').length;
  } catch {
    return -1;
  }
}

/** Active handles of one kind keeping the event loop alive (`TCPSocketWrap`, `Timeout`, ...). */
export function activeResources(kind: string): number {
  return process.getActiveResourcesInfo().filter((r) => r === kind).length;
}

/** Live child processes of this process (Linux `/proc`), or -1 where there is no /proc. */
export function childProcesses(): number {
  let dirs: string[];
  try {
    dirs = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return -1;
  }
  let count = 0;
  for (const dir of dirs) {
    try {
      const stat = readFileSync(`/proc/${dir}/stat`, 'latin1');
      // pid (comm) state ppid ...: comm may hold spaces, so read after its closing parenthesis.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) === process.pid && fields[0] !== 'Z') count++;
    } catch {
      // the process ended while we looked
    }
  }
  return count;
}

/** Whether process `pid` is running (Linux `/proc`; a zombie waiting for its reaper counts as gone). */
export function processRunning(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'latin1'));
  } catch {
    return false;
  }
}

/** Resolves once `check()` holds, polling every few milliseconds; rejects after `ms`. */
export async function eventually(check: () => boolean, ms: number, what: string): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
