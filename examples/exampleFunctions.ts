// The example functions as emulator configs, read from functions.json (which
// `node bin/rx-lambda.js serve examples/functions.json` serves as well).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FunctionConfig } from 'rx-lambda/emulator';

/** This folder: the task root of every example function. */
export const EXAMPLES_DIR = fileURLToPath(new URL('.', import.meta.url));

/** Names of the example functions in functions.json. */
export type ExampleName =
  | 'buffered-json'
  | 'token-stream'
  | 'large-file'
  | 'http-response'
  | 'sse-events'
  | 'sqs-batch'
  | 'scheduled-job'
  | 'ndjson-feed'
  | 'managed-runtime'
  | 'browser-page'
  | 'hono-app'
  | 'hono-app-buffered'
  | 'hono-app-managed'
  | 'compressed-feed'
  | 'compressed-feed-buffered'
  | 'chat-stream';

/**
 * The configs of functions.json, or of the named ones, with `environment` added to each
 * (for example RELEASE_URL for browser-page).
 */
export function exampleFunctions(names?: readonly ExampleName[], environment: Record<string, string> = {}): FunctionConfig[] {
  const file = JSON.parse(readFileSync(new URL('functions.json', import.meta.url), 'utf8')) as { functions: FunctionConfig[] };
  return file.functions
    .filter((fn) => names === undefined || names.includes(fn.name as ExampleName))
    .map((fn) => ({ ...fn, environment: { ...fn.environment, ...environment } }));
}

/** The client target for a local emulator: its URL and placeholder credentials (it does not check signatures). */
export function localTarget(endpoint: string) {
  return { endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } as const;
}
