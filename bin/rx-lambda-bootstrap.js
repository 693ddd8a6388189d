#!/usr/bin/env node
// The custom-runtime entry point: loads _HANDLER and runs the rx-lambda runtime loop.
import './requireNode.js';
import module from 'node:module';

// Cache compiled code of the runtime, rxjs and the handler between cold starts
// (NODE_COMPILE_CACHE picks the folder; NODE_DISABLE_COMPILE_CACHE=1 turns it off).
module.enableCompileCache?.();

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
