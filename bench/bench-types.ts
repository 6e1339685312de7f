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
}

/** A group of figures; each file in bench/figures exports one and run-bench.ts lists it. */
export interface BenchSuite {
  name: string;
  run(options: BenchOptions): Promise<Figure[]>;
}
