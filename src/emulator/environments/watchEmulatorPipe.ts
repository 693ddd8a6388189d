import { Socket } from 'node:net';

/** Variable naming the emulator's pid; only a direct child of that process watches the pipe. */
export const EMULATOR_PID_VARIABLE = 'RX_LAMBDA_EMULATOR_PID';
/** File descriptor of the pipe the emulator holds open for a function process's whole life. Source: the emulator's spawn (`stdio[3]`). */
export const EMULATOR_PIPE_FD = 3;

/**
 * Ends this function process (and its process group) when the emulator that started it
 * goes away, however it went (a crash, SIGKILL): the emulator holds the write end of a
 * pipe at file descriptor 3, and its end of file means the emulator is gone. Loaded with
 * `--import` into every Node function process; a process that is not the emulator's
 * direct child (a grandchild inheriting `NODE_OPTIONS`) does nothing. The pipe never
 * keeps the process alive by itself.
 *
 * @example
 * ```ts
 * // node --import=rx-lambda/dist/emulator/watchEmulatorPipe.js bootstrap.js
 * watchEmulatorPipe();
 * ```
 */
export function watchEmulatorPipe(env: NodeJS.ProcessEnv = process.env): void {
  const emulatorPid = Number(env[EMULATOR_PID_VARIABLE]);
  // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- process.env is a map of variables; the variable is removed so child processes do not inherit it
  delete env[EMULATOR_PID_VARIABLE];
  if (!Number.isInteger(emulatorPid) || emulatorPid !== process.ppid) return;
  let pipe: Socket;
  try {
    pipe = new Socket({ fd: EMULATOR_PIPE_FD, readable: true, writable: false });
  } catch {
    return;
  }
  const gone = (): void => {
    try {
      // The process leads its own group (the emulator spawns it detached): take its children too.
      process.kill(-process.pid, 'SIGKILL');
    } catch {
      process.kill(process.pid, 'SIGKILL');
    }
  };
  pipe.on('end', gone);
  pipe.on('error', gone);
  pipe.resume();
  pipe.unref();
}

watchEmulatorPipe();
