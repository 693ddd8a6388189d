/** What one reliability scenario reports. */
export interface ReliabilityOutcome {
  /** Cases actually run. */
  readonly runs: number;
  /** Cases whose outcome was wrong (a crash, a hang, an untyped error, a wrong result), described. */
  readonly failures: readonly string[];
  /** Items (bytes, records, invocations) that went missing without an error saying so. */
  readonly lost: number;
  /** Extra figures to print (memory drift, sockets left open, ...). */
  readonly notes?: string;
}

/**
 * A fault, fuzz or soak scenario. The CI spec (spec/reliability/) runs each with
 * `ciRuns`; `npm run reliability` runs each with `longRuns` and prints one table.
 */
export interface ReliabilityScenario {
  readonly name: string;
  readonly ciRuns: number;
  readonly longRuns: number;
  run(runs: number): Promise<ReliabilityOutcome>;
}
