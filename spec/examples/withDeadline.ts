/** How long one awaited step of an example spec may take by default: a failure bound only. */
export const STEP_TIMEOUT_MS = 10_000;

/** `promise`, or a rejection naming `what` it waited for once `ms` have passed. */
export function withDeadline<T>(promise: Promise<T>, what: string, ms = STEP_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
