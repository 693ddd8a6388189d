#!/usr/bin/env node
// The custom-runtime entry point: loads _HANDLER and runs the rx-lambda runtime loop.
import('../dist/runtime/bootstrap.js').then(
  (bootstrap) => bootstrap.main(),
  () => {
    console.error('rx-lambda-bootstrap: the runtime is not built yet (run `npm run build`)');
    process.exit(1);
  },
);
