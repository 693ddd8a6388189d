import { startEmulator, type Emulator } from 'rx-lambda/emulator';
import { EXAMPLES_DIR, exampleFunctions, localTarget, type ExampleName } from '../../examples/exampleFunctions.js';

/** A running emulator with some example functions, its client target and the function logs. */
export interface RunningExamples {
  readonly emulator: Emulator;
  readonly target: ReturnType<typeof localTarget>;
  /** Lines the functions and the emulator logged. */
  readonly logs: string[];
  close(): Promise<void>;
}

/** Starts the emulator with the named example functions (examples/functions.json). */
export async function startExamples(names: readonly ExampleName[], environment: Record<string, string> = {}): Promise<RunningExamples> {
  const logs: string[] = [];
  const emulator = await startEmulator({
    functions: exampleFunctions(names, environment),
    taskRoot: EXAMPLES_DIR,
    log: (line) => logs.push(line),
  });
  return { emulator, target: localTarget(emulator.url), logs, close: () => emulator.close() };
}

/** Parses JSON from bytes. */
export function json<T>(bytes: Uint8Array): T {
  return JSON.parse(new TextDecoder().decode(bytes)) as T;
}

/**
 * Registers mocha hooks that start the named example functions before the suite and stop
 * them after it; call the returned function inside a test to get them.
 */
export function withExamples(names: readonly ExampleName[], environment: Record<string, string> = {}): () => RunningExamples {
  let running: RunningExamples | undefined;
  before(async () => {
    running = await startExamples(names, environment);
  });
  after(() => running?.close());
  return () => {
    if (running === undefined) throw new Error('the examples have not started');
    return running;
  };
}
