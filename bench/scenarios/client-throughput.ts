import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { Scenario, ScenarioContext } from '../Scenario.js';
import {
  consumeOurs,
  consumeRaw,
  consumeSdk,
  MiB,
  sdkClient,
  startStreamServer,
  streamName,
  type StreamServer,
} from './client-support.js';

/**
 * Decode throughput of a streaming invoke: 256 MiB (32 MiB with --quick) in 32 KiB
 * PayloadChunk frames from a local server (its own process, same pre-encoded bytes for
 * everyone), read by rx-lambda's `invokeStream`, by the AWS SDK's
 * `InvokeWithResponseStreamCommand`, and raw (undecoded) by undici `request()`; and the
 * consumer's CPU time per MiB against the SDK's.
 */
interface Shared {
  server?: StreamServer;
  sdk?: LambdaClient;
  bytes: number;
}

/** Setup and teardown of a scenario over `shared`: the stream server (its own process) and an SDK client. */
function lifecycle(shared: Shared): Pick<Scenario, 'setup' | 'teardown'> {
  return {
    async setup(ctx: ScenarioContext) {
      shared.bytes = (ctx.quick ? 32 : 256) * MiB;
      shared.server = await startStreamServer();
      shared.sdk = await sdkClient(shared.server.url);
    },
    async teardown() {
      shared.sdk?.destroy();
      await shared.server?.close();
    },
  };
}

function throughput(read: () => Promise<number>, bytes: number): Promise<number> {
  const started = performance.now();
  return read().then((got) => {
    if (got < bytes) throw new Error(`read ${got} of ${bytes} bytes`);
    return bytes / MiB / ((performance.now() - started) / 1000);
  });
}

function scenario(peer: 'sdk' | 'raw'): Scenario {
  const shared: Shared = { bytes: 0 };
  const name = () => streamName(shared.bytes);
  return {
    name: `client: stream decode throughput (32 KiB frames) vs ${peer === 'sdk' ? 'AWS SDK' : 'raw undici read'}`,
    unit: 'MiB/s',
    higherIsBetter: true,
    peerName: peer === 'sdk' ? '@aws-sdk/client-lambda InvokeWithResponseStream' : 'undici request() raw body read',
    goal: peer === 'sdk' ? '>= 2x' : '>= 0.8x',
    ...lifecycle(shared),
    ours: () => throughput(() => consumeOurs(shared.server!.url, name()), shared.bytes),
    peer: () =>
      throughput(
        () => (peer === 'sdk' ? consumeSdk(shared.sdk!, name()) : consumeRaw(shared.server!.url, name())),
        shared.bytes,
      ),
  };
}

/** CPU time of this process (the consumer; the server is a child process) per MiB of payload, ms. */
function cpuPerMiB(read: () => Promise<number>, bytes: number): Promise<number> {
  const started = process.cpuUsage();
  return read().then((got) => {
    if (got < bytes) throw new Error(`read ${got} of ${bytes} bytes`);
    const used = process.cpuUsage(started);
    return (used.user + used.system) / 1000 / (bytes / MiB);
  });
}

/** What a consumer pays where CPU is scarce (a Lambda function calling another): CPU per MiB decoded. */
function cpuScenario(): Scenario {
  const shared: Shared = { bytes: 0 };
  const name = () => streamName(shared.bytes);
  return {
    name: 'client: CPU per MiB decoded (32 KiB frames) vs AWS SDK',
    unit: 'ms/MiB',
    higherIsBetter: false,
    peerName: '@aws-sdk/client-lambda InvokeWithResponseStream',
    goal: 'reported (beside throughput)',
    ...lifecycle(shared),
    ours: () => cpuPerMiB(() => consumeOurs(shared.server!.url, name()), shared.bytes),
    peer: () => cpuPerMiB(() => consumeSdk(shared.sdk!, name()), shared.bytes),
  };
}

export default [scenario('sdk'), scenario('raw'), cpuScenario()];
