// npm run package [-- <path/module.export>] [--out <dir>] [--node-binary <path>]
//
// Bundles a handler (default: examples/deploy/handler.handler) into two deployment zips:
//   <out>/provided.al2023.zip  custom runtime: executable `bootstrap` + `runtime.mjs` (Handler: bootstrap)
//   <out>/nodejs24.x.zip       managed Node runtime: `index.mjs` with streamifyHandler (Handler: index.handler)
// <out> defaults to examples/deploy/build, where examples/deploy/template.yaml expects them.
import { parseArgs } from 'node:util';
import { relative } from 'node:path';
import { packageHandler } from './packageHandler.js';

const DEFAULT_HANDLER = 'examples/deploy/handler.handler';
const DEFAULT_OUT_DIR = 'examples/deploy/build';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    out: { type: 'string', default: DEFAULT_OUT_DIR },
    'node-binary': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help) {
  console.log('usage: npm run package -- [path/module.export] [--out dir] [--node-binary path-to-linux-node]');
  process.exit(0);
}

const handler = positionals[0] ?? DEFAULT_HANDLER;
try {
  const zips = await packageHandler({ handler, outDir: values.out, nodeBinary: values['node-binary'] });
  for (const zip of zips) {
    console.log(`${zip.runtime.padEnd(16)} ${relative(process.cwd(), zip.path)}  ${(zip.bytes / 1024).toFixed(0)} KiB  Handler: ${zip.handlerSetting}  [${zip.files.join(', ')}]`);
  }
  if (values['node-binary'] === undefined) {
    console.log('note: provided.al2023 has no Node.js; the bootstrap uses bin/node (--node-binary), a layer at /opt/bin/node, or RX_LAMBDA_NODE');
  }
} catch (error) {
  console.error(`package: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
