// npm run mutate [-- <name> ...]
//
// A small mutation check: applies each deliberate bug below to the sources, one at a time,
// runs the specs that should catch it, restores the file, and reports which bugs survived.
// A surviving bug is a gap in the specs. Exit code 1 when any survives.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

interface Mutation {
  /** What the bug is. */
  readonly name: string;
  readonly file: string;
  /** Text that occurs exactly once in `file`, and what it becomes. */
  readonly from: string;
  readonly to: string;
  /** The spec files that must fail with the bug in place. */
  readonly specs: readonly string[];
}

const MUTATIONS: readonly Mutation[] = [
  {
    name: 'sink: a buffered body of exactly 6 MiB + 100 B is refused',
    file: 'src/sink/adaptiveSink.ts',
    from: 'if (state.size > mode.maxBytes)',
    to: 'if (state.size >= mode.maxBytes)',
    specs: ['spec/testing/invokeHandler.spec.ts', 'spec/sink/adaptiveSink.spec.ts'],
  },
  {
    name: 'core: a buffered payload one byte over the limit is posted',
    file: 'src/core/runToResponse.ts',
    from: 'if (result.bytes.byteLength > BUFFERED_RESPONSE_MAX_BYTES)',
    to: 'if (result.bytes.byteLength > BUFFERED_RESPONSE_MAX_BYTES + 1)',
    specs: ['spec/testing/invokeHandler.spec.ts'],
  },
  {
    name: 'sink: commits on size one byte late',
    file: 'src/sink/adaptiveSink.ts',
    from: 'state.size >= mode.bufferLimit',
    to: 'state.size > mode.bufferLimit',
    specs: ['spec/testing/invokeHandler.spec.ts', 'spec/sink/adaptiveSink.spec.ts'],
  },
  {
    name: 'wire: the prelude delimiter is 7 NUL bytes',
    file: 'src/limits.ts',
    from: 'export const HTTP_PRELUDE_DELIMITER_BYTES = 8;',
    to: 'export const HTTP_PRELUDE_DELIMITER_BYTES = 7;',
    specs: ['spec/wire/encodeHttpPrelude.spec.ts', 'spec/wire/HttpPreludeSplitter.spec.ts'],
  },
  {
    name: 'wire: the message CRC is not checked',
    file: 'src/wire/EventStreamDecoder.ts',
    from: "if (declared !== actual) throw new FrameChecksumError('message', declared, actual);",
    to: '',
    specs: ['spec/wire/EventStreamDecoder.spec.ts'],
  },
  {
    name: 'wire: the prelude CRC is not checked',
    file: 'src/wire/EventStreamDecoder.ts',
    from: "if (declared !== actual) throw new FrameChecksumError('prelude', declared, actual);",
    to: '',
    specs: ['spec/wire/EventStreamDecoder.spec.ts'],
  },
  {
    name: 'sources: a FIFO batch goes on after the first failure',
    file: 'src/sources/partialBatch.ts',
    from: 'takeWhile((outcome) => outcome.ok, true)',
    to: 'takeWhile(() => true, true)',
    specs: ['spec/sources/partialBatch.spec.ts', 'spec/sources/partialBatch.property.spec.ts'],
  },
  {
    name: 'core: the deadline margin is 90 ms',
    file: 'src/core/deadlineDelay.ts',
    from: 'export const DEADLINE_MARGIN_MS = 100;',
    to: 'export const DEADLINE_MARGIN_MS = 90;',
    specs: ['spec/testing/invokeHandler.spec.ts'],
  },
  {
    name: 'core: the deadline margin is 110 ms',
    file: 'src/core/deadlineDelay.ts',
    from: 'export const DEADLINE_MARGIN_MS = 100;',
    to: 'export const DEADLINE_MARGIN_MS = 110;',
    specs: ['spec/testing/invokeHandler.spec.ts'],
  },
  {
    name: 'runtime: a 410 from the Runtime API stops the runtime',
    file: 'src/runtime/runInvocation.ts',
    from: 'if (response.statusCode >= 500) {',
    to: 'if (response.statusCode >= 400) {',
    specs: ['spec/runtime/startRuntime.spec.ts'],
  },
  {
    name: 'client: HTTP 500 is not retried',
    file: 'src/client/withRetry.ts',
    from: 'error.statusCode >= 500',
    to: 'error.statusCode > 500',
    specs: ['spec/client/isRetryable.spec.ts', 'spec/client/withRetry.spec.ts'],
  },
  {
    name: 'client: HTTP 429 is not retried',
    file: 'src/client/withRetry.ts',
    from: 'error.statusCode === 429 ||',
    to: '',
    specs: ['spec/client/isRetryable.spec.ts', 'spec/client/withRetry.spec.ts'],
  },
  {
    name: 'core: HTTP API events follow responseMode (a prelude an HTTP API cannot read)',
    file: 'src/core/planResponse.ts',
    from: "source === 'alb' || source === 'apigw-http' ? false",
    to: "source === 'alb' ? false",
    specs: ['spec/testing/invokeHandler.spec.ts', 'spec/core/hosts.spec.ts'],
  },
  {
    name: 'sink: a body without head() reaches API Gateway as raw bytes',
    file: 'src/sink/callerHead.ts',
    from: 'return httpOnly ? head({ statusCode: 200 }) : undefined;',
    to: 'return undefined;',
    specs: ['spec/testing/invokeHandler.spec.ts'],
  },
  {
    name: 'wire: a timeout reports its class name instead of Sandbox.Timedout',
    file: 'src/wire/lambdaError.ts',
    from: 'errorType: own ?? (value.name',
    to: 'errorType: (value.name',
    specs: ['spec/testing/invokeHandler.spec.ts', 'spec/core/hosts.spec.ts'],
  },
];

const only = process.argv.slice(2);
const chosen = only.length === 0 ? MUTATIONS : MUTATIONS.filter((m) => only.some((o) => m.name.includes(o)));
const survivors: string[] = [];
for (const [index, mutation] of chosen.entries()) {
  const original = readFileSync(mutation.file, 'utf8');
  const at = original.indexOf(mutation.from);
  if (at < 0 || original.indexOf(mutation.from, at + 1) >= 0) {
    console.error(`mutate: "${mutation.from}" must occur exactly once in ${mutation.file}; update the mutation list`);
    process.exit(2);
  }
  process.stdout.write(`[${index + 1}/${chosen.length}] ${mutation.name} ... `);
  writeFileSync(mutation.file, original.slice(0, at) + mutation.to + original.slice(at + mutation.from.length));
  try {
    // The specs' global setup rebuilds dist/ from the mutated sources first.
    const run = spawnSync(process.execPath, ['node_modules/mocha/bin/mocha.js', '--reporter', 'dot', ...mutation.specs], { encoding: 'utf8' });
    if (run.status === 0) {
      survivors.push(mutation.name);
      console.log('SURVIVED');
    } else console.log('caught');
  } finally {
    writeFileSync(mutation.file, original);
  }
}
console.log(survivors.length === 0 ? `all ${chosen.length} mutations caught` : `${survivors.length} survived:\n  ${survivors.join('\n  ')}`);
// Leave dist/ built from the restored sources.
spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
process.exitCode = survivors.length === 0 ? 0 : 1;
