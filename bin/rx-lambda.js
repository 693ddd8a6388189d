#!/usr/bin/env node
// The emulator CLI: `rx-lambda serve ...` and `rx-lambda invoke ...`.
import('../dist/emulator/cli.js').then(
  (cli) => cli.main(process.argv.slice(2)),
  () => {
    console.error('rx-lambda: the emulator CLI is not built yet (run `npm run build`)');
    process.exit(1);
  },
);
