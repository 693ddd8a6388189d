/**
 * The `bootstrap` of the `provided.al2023` zip. That runtime has no Node.js, so it looks
 * for one: `RX_LAMBDA_NODE`, then `bin/node` in the zip (`npm run package -- --node-binary`),
 * then `/opt/bin/node` or `/opt/nodejs/bin/node` (a layer), then `node` on `PATH`. It then
 * runs the bundled runtime, `runtime.mjs`, which polls the Runtime API.
 */
export const PROVIDED_BOOTSTRAP = `#!/bin/sh
# rx-lambda custom runtime: runs the bundled handler (runtime.mjs) on Node.js.
set -eu
root="\${LAMBDA_TASK_ROOT:-$(dirname "$0")}"
if [ -n "\${RX_LAMBDA_NODE:-}" ]; then node="$RX_LAMBDA_NODE"
elif [ -x "$root/bin/node" ]; then node="$root/bin/node"
elif [ -x /opt/bin/node ]; then node=/opt/bin/node
elif [ -x /opt/nodejs/bin/node ]; then node=/opt/nodejs/bin/node
elif command -v node >/dev/null 2>&1; then node=node
else
  echo "rx-lambda bootstrap: no Node.js found; package with --node-binary, add a layer with /opt/bin/node, or set RX_LAMBDA_NODE" >&2
  exit 127
fi
exec "$node" "$root/runtime.mjs"
`;
