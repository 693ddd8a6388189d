/** What a scenario's measurement functions receive. */
export interface ScenarioContext {
  /** `npm run bench -- --quick`: smaller work, fewer rounds (the whole run under a minute). */
  readonly quick: boolean;
}

/**
 * One benchmark scenario: our code and a peer (or the physical limit) on the same work.
 * The harness runs `setup`, one warm-up of each side, then `rounds` rounds alternating
 * ours / peer, and reports the median of each side and their ratio (ours / peer, or
 * peer / ours when lower is better, so a ratio above 1 always means we are ahead).
 *
 * Each scenario is a file in `bench/scenarios/` whose default export is a `Scenario`.
 */
export interface Scenario {
  readonly name: string;
  /** Unit of the numbers `ours` and `peer` return, e.g. `MiB/s`, `ops/s`, `ms`, `MiB`. */
  readonly unit: string;
  readonly higherIsBetter: boolean;
  readonly peerName: string;
  /** The goal from the issue, shown next to the ratio, e.g. `>= 1.5x`. */
  readonly goal?: string;
  /** Rounds per side (default 5; 2 with --quick). */
  readonly rounds?: number;
  setup?(ctx: ScenarioContext): Promise<void>;
  teardown?(): Promise<void>;
  /** One measurement of our code, in `unit`. */
  ours(ctx: ScenarioContext): Promise<number>;
  /** One measurement of the peer on the same work, in `unit`. */
  peer(ctx: ScenarioContext): Promise<number>;
}
