/** Port `rx-lambda serve` listens on and `rx-lambda invoke` calls by default. Our choice. */
export const LOCAL_EMULATOR_PORT = 9001;

/**
 * True for a host name or address that stays on this machine: `localhost`, `::1` (with or
 * without brackets) or a dotted-quad `127.x.x.x`. Names that merely start with `127.` are
 * not loopback.
 *
 * @example
 * ```ts
 * isLoopbackHost(new URL('http://127.0.0.1:9001').hostname); // true
 * isLoopbackHost('127.example.com');                           // false
 * ```
 */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
