/** One measured figure, under the names of DESIGN §6. A baseline is always measured in the same run. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline?: number;
  note?: string;
}

export interface BenchOptions {
  /** `--quick`: small sizes so the whole run fits in CI's budget. */
  quick: boolean;
  /** The PostgreSQL admin URL, or undefined when none answers (its figures are then skipped with a note). */
  postgresUrl: string | undefined;
  log(line: string): void;
  /**
   * A baseline for a figure another suite measures (the 2-hour engine's latencies come from the
   * oversell day): attached to that figure when the run ends, so it is always from this run.
   */
  baseline(figureName: string, value: number, note: string): void;
  /** Peak RSS of a server process a suite ran as a child, for `server_peak_rss_mb`. */
  serverPeakRss(where: string, megabytes: number): void;
}

/** A group of figures; each file in bench/figures exports one and run-bench.ts lists it. */
export interface BenchSuite {
  name: string;
  /**
   * False when no tillsync server runs inside the bench process during the suite (its servers are
   * child processes reporting through `serverPeakRss`, or it measures the sandbox alone); otherwise
   * the bench process's own peak during the suite counts towards `server_peak_rss_mb`.
   */
  inProcessServer?: boolean;
  run(options: BenchOptions): Promise<Figure[]>;
}
