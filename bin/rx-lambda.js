#!/usr/bin/env node
// The emulator CLI: `rx-lambda serve ...` and `rx-lambda invoke ...`.
import './requireNode.js';
import { fileURLToPath } from 'node:url';

const cli = new URL('../dist/cli/main.js', import.meta.url);
import(cli.href).then(
  (module) => module.main(process.argv.slice(2)),
  (error) => {
    // Only a missing build is "not built yet"; any other failure is shown as it is.
    if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes(fileURLToPath(cli))) {
      console.error('rx-lambda: the emulator CLI is not built yet (run `npm run build`)');
    } else {
      console.error(error);
    }
    process.exit(1);
  },
).catch((error) => {
  console.error(error);
  process.exit(1);
});
