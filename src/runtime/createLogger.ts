import { AsyncLocalStorage } from 'node:async_hooks';
import { format } from 'node:util';

/** Log levels of the runtime's logger, in Lambda's names. */
export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

/** The runtime's logger: one line per call, text or JSON, with the current request id. */
export interface RuntimeLogger {
  log(level: LogLevel, message: string, error?: unknown): void;
  /** Runs `fn` (and everything it starts) with `requestId` on every log line. */
  withRequest<T>(requestId: string, fn: () => T): T;
  /** Routes `console.*` through this logger; returns the function that restores it. */
  patchConsole(): () => void;
}

/**
 * Creates the runtime's logger. Text lines are Lambda's
 * `timestamp<TAB>requestId<TAB>LEVEL<TAB>message`; JSON lines are
 * `{"timestamp","level","requestId","message"}` plus `errorType`, `errorMessage` and
 * `stackTrace` for an error, as Lambda's advanced logging controls expect.
 *
 * @example
 * ```ts
 * const logger = createLogger('json');
 * logger.withRequest('req-1', () => logger.log('INFO', 'hello')); // {"timestamp":...,"level":"INFO","requestId":"req-1","message":"hello"}
 * ```
 */
export function createLogger(logFormat: 'text' | 'json', write: (line: string) => void = (line) => process.stdout.write(line)): RuntimeLogger {
  const requests = new AsyncLocalStorage<string>();
  const line = (level: LogLevel, message: string, error?: unknown): string => {
    const timestamp = new Date().toISOString();
    const requestId = requests.getStore();
    if (logFormat === 'json') {
      const record: Record<string, unknown> = { timestamp, level, requestId: requestId ?? undefined, message };
      if (error instanceof Error) {
        record.errorType = error.name;
        record.errorMessage = error.message;
        record.stackTrace = error.stack?.split('\n') ?? [];
      }
      return `${JSON.stringify(record)}\n`;
    }
    const text = error === undefined ? message : `${message} ${format(error)}`;
    return `${timestamp}\t${requestId ?? 'undefined'}\t${level}\t${text.replace(/\n/g, '\r')}\n`;
  };
  const logger: RuntimeLogger = {
    log: (level, message, error) => write(line(level, message, error)),
    withRequest: (requestId, fn) => requests.run(requestId, fn),
    patchConsole: () => {
      const saved = { log: console.log, info: console.info, warn: console.warn, error: console.error, debug: console.debug };
      const route = (level: LogLevel) => (...args: unknown[]): void => {
        const error = args.find((a) => a instanceof Error);
        logger.log(level, format(...args), logFormat === 'json' ? error : undefined);
      };
      console.log = route('INFO');
      console.info = route('INFO');
      console.warn = route('WARN');
      console.error = route('ERROR');
      console.debug = route('DEBUG');
      return () => Object.assign(console, saved);
    },
  };
  return logger;
}
