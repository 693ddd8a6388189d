import { HandlerLoadError } from '../errors.js';
import { exitOnSigterm } from './exitOnSigterm.js';
import { loadHandler } from './loadHandler.js';
import { RuntimeApiClient } from './RuntimeApiClient.js';
import { resolveRuntimeOptions } from './resolveRuntimeOptions.js';
import { startRuntime } from './startRuntime.js';
import { RUNTIME_API_PATHS } from '../wire/runtimeApiVocabulary.js';

/** Runtime API path for failures before the loop starts. */
const INIT_ERROR_PATH = RUNTIME_API_PATHS.initError;

async function reportInitError(address: string, error: unknown): Promise<void> {
  console.error('rx-lambda-bootstrap: init error:', error);
  const client = new RuntimeApiClient(address);
  try {
    await client.postError(INIT_ERROR_PATH, error);
  } catch (postError) {
    console.error('rx-lambda-bootstrap: could not post the init error:', postError);
  } finally {
    client.close();
  }
}

/**
 * The custom-runtime entry point behind `rx-lambda-bootstrap`: loads `_HANDLER`
 * (`path/module.export` relative to `LAMBDA_TASK_ROOT`) and runs `startRuntime` with the
 * environment's options. A handler that cannot be loaded, or invalid options, go to
 * `/runtime/init/error`; then, and when the runtime fails (a 500, `/next` gone), the
 * process exits with code 1.
 *
 * @example
 * ```sh
 * # bootstrap file of a provided.al2023 function
 * exec node node_modules/rx-lambda/bin/rx-lambda-bootstrap.js
 * ```
 */
export async function main(): Promise<void> {
  exitOnSigterm();
  const address = process.env.AWS_LAMBDA_RUNTIME_API;
  if (!address) {
    console.error('rx-lambda-bootstrap: AWS_LAMBDA_RUNTIME_API is not set');
    process.exit(1);
  }
  let handler;
  try {
    resolveRuntimeOptions();
    const handlerString = process.env._HANDLER;
    if (!handlerString) throw new HandlerLoadError('_HANDLER is not set', 'Runtime.MalformedHandlerName');
    handler = await loadHandler(handlerString, process.env.LAMBDA_TASK_ROOT ?? process.cwd());
  } catch (error) {
    await reportInitError(address, error);
    process.exit(1);
  }
  try {
    await startRuntime(handler);
  } catch (error) {
    console.error('rx-lambda-bootstrap: runtime stopped:', error);
    process.exit(1);
  }
}
