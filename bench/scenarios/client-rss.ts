import type { Scenario, ScenarioContext } from '../Scenario.js';
import { MiB, peakRssMiB, startStreamServer, type StreamServer } from './client-support.js';

/**
 * Peak RSS of a process that consumes one streaming invoke (each consumer in its own
 * process, so the peak is its own): rx-lambda on a 1 GiB stream against rx-lambda on
 * 128 MiB (memory must not grow with the stream), and against the AWS SDK on the same
 * 1 GiB. With --quick: 256 MiB against 32 MiB.
 */
function scenario(peer: 'small' | 'sdk'): Scenario {
  const shared: { server?: StreamServer; large: number; small: number } = { large: 0, small: 0 };
  return {
    name:
      peer === 'small'
        ? 'client: peak RSS, 1 GiB stream vs 128 MiB stream'
        : 'client: peak RSS consuming a 1 GiB stream vs AWS SDK',
    unit: 'MiB',
    higherIsBetter: false,
    peerName: peer === 'small' ? 'rx-lambda on the small stream' : '@aws-sdk/client-lambda on the same stream',
    // 1 GiB may peak at most 1.05x the 128 MiB peak (1 / 1.05 = 0.952); no worse than the SDK.
    goal: peer === 'small' ? '>= 0.952x' : '>= 1x',
    rounds: 3,
    async setup(ctx: ScenarioContext) {
      shared.large = (ctx.quick ? 256 : 1024) * MiB;
      shared.small = (ctx.quick ? 32 : 128) * MiB;
      shared.server = await startStreamServer();
    },
    async teardown() {
      await shared.server?.close();
    },
    ours: () => peakRssMiB('ours', shared.server!.url, shared.large),
    peer: () =>
      peer === 'small'
        ? peakRssMiB('ours', shared.server!.url, shared.small)
        : peakRssMiB('sdk', shared.server!.url, shared.large),
  };
}

export default [scenario('small'), scenario('sdk')];
