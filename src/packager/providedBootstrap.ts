import type { InvokeMode } from './PackageTarget.js';

/**
 * The `bootstrap` of a `provided.al2023` zip: finds a Node.js (`RX_LAMBDA_NODE`, then
 * `bin/node` in the zip, then `/opt/bin/node` or `/opt/nodejs/bin/node` from a layer, then
 * `node` on `PATH`) and runs the bundled runtime, `bundle` (`runtime.cjs` or `runtime.mjs`),
 * which polls the Runtime API. The invoke mode sets the default `RX_LAMBDA_RESPONSE_MODE`
 * (`streaming` for `RESPONSE_STREAM`, `buffered` otherwise); the function's environment can
 * still set it.
 *
 * @example
 * ```ts
 * const script = providedBootstrap('RESPONSE_STREAM', 'runtime.cjs');
 * ```
 */
export function providedBootstrap(invokeMode: InvokeMode, bundle: string): string {
  const responseMode = invokeMode === 'RESPONSE_STREAM' ? 'streaming' : 'buffered';
  return `#!/bin/sh
# rx-lambda custom runtime: runs the bundled handler (${bundle}) on Node.js.
set -eu
root="\${LAMBDA_TASK_ROOT:-$(dirname "$0")}"
export RX_LAMBDA_RESPONSE_MODE="\${RX_LAMBDA_RESPONSE_MODE:-${responseMode}}"
if [ -n "\${RX_LAMBDA_NODE:-}" ]; then node="$RX_LAMBDA_NODE"
elif [ -x "$root/bin/node" ]; then node="$root/bin/node"
elif [ -x /opt/bin/node ]; then node=/opt/bin/node
elif [ -x /opt/nodejs/bin/node ]; then node=/opt/nodejs/bin/node
elif command -v node >/dev/null 2>&1; then node=node
else
  echo "rx-lambda bootstrap: no Node.js found; package without --layer (the zip carries bin/node), add the Node layer (/opt/bin/node), or set RX_LAMBDA_NODE" >&2
  exit 127
fi
exec "$node" "$root/${bundle}"
`;
}
