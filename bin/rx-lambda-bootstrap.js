#!/usr/bin/env node
// The custom-runtime entry point: loads _HANDLER and runs the rx-lambda runtime loop.
import './requireNode.js';
// No compile cache is enabled here: Node writes it only at a normal exit, and Lambda
// freezes or kills the process instead, so on Lambda it never fills and only costs start-up.

const entry = new URL('../dist/runtime/bootstrap.js', import.meta.url);
let bootstrap;
try {
  bootstrap = await import(entry.href);
} catch (error) {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes(entry.pathname)) {
    console.error('rx-lambda-bootstrap: the runtime is not built yet (run `npm run build`)');
    process.exit(1);
  }
  throw error;
}
await bootstrap.main();
