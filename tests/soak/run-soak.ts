import { resolve } from 'node:path';
import { isPostgresReachable } from '../support/test-databases.ts';
import { DEFAULT_STEPS, runSeed, type SeedResult } from './run-seed.ts';
import { createWorld, type DbKind } from './world.ts';

/**
 * `npm run soak -- [--seeds N | --minutes M] [--db sqlite|postgres|both] [--seed S] [--steps K] [--batch B]`
 *
 * Runs seeds S, S+1, … in batches (a fresh POS database, server processes and sandbox shop per
 * batch), prints progress, and for each failing seed its replay command and the shortest failing
 * step count found by bisection. Exit code 1 when any seed failed.
 */
interface Options {
  seeds: number | undefined;
  minutes: number | undefined;
  dbs: DbKind[];
  seed: number;
  steps: number;
  batch: number;
  shrink: boolean;
  verbose: boolean;
}

function parse(argv: string[]): Options {
  const value = (name: string) => {
    const index = argv.indexOf(`--${name}`);
    return index >= 0 ? argv[index + 1] : undefined;
  };
  const db = value('db') ?? 'both';
  const seed = value('seed');
  return {
    seeds: value('seeds') ? Number(value('seeds')) : seed && !value('minutes') ? 1 : undefined,
    minutes: value('minutes') ? Number(value('minutes')) : undefined,
    dbs: db === 'both' ? ['sqlite', 'postgres'] : [db as DbKind],
    seed: Number(seed ?? 1),
    steps: Number(value('steps') ?? DEFAULT_STEPS),
    batch: Number(value('batch') ?? 25),
    shrink: !argv.includes('--no-shrink'),
    verbose: argv.includes('--verbose'),
  };
}

export async function soak(kind: DbKind, options: Options, print = console.log): Promise<SeedResult[]> {
  const failures: SeedResult[] = [];
  const started = Date.now();
  const until = options.minutes ? started + options.minutes * 60_000 : Number.POSITIVE_INFINITY;
  const total = options.seeds ?? (options.minutes ? Number.POSITIVE_INFINITY : 100);
  let done = 0;
  let kills = 0;
  let next = options.seed;
  while (done < total && Date.now() < until) {
    const seeds = Array.from({ length: Math.min(options.batch, total - done) }, (_, i) => next + i);
    next += seeds.length;
    const setup = Date.now();
    const world = await createWorld(kind, seeds);
    if (options.verbose) print(`batch of ${seeds.length} set up in ${Date.now() - setup} ms`);
    try {
      for (const seed of seeds) {
        if (Date.now() >= until) break;
        const result = await runSeed(world, seed, options.steps);
        done++;
        kills += result.kills;
        if (options.verbose)
          print(
            `seed ${seed} (${result.ms.steps} + ${result.ms.settle} ms, ${result.kills} kills): ${result.events.join(' | ')}\n  notes: ${result.notes.join(' | ')}`,
          );
        if (result.problems.length > 0) {
          failures.push(result);
          print(`\n✗ ${kind} seed ${seed} failed:`);
          for (const problem of result.problems) print(`    ${problem}`);
          print(`  events: ${result.events.join(' | ')}`);
          if (result.notes.length) print(`  notes: ${result.notes.join(' | ')}`);
          print(`  replay: npm run soak -- --db ${kind} --seed ${seed} --steps ${options.steps}`);
        }
        const elapsed = (Date.now() - started) / 1000;
        print(
          `${kind}: ${done} seeds, ${failures.length} failed, ${kills} kills, ${elapsed.toFixed(0)} s (${(elapsed / done).toFixed(2)} s/seed)`,
        );
      }
    } finally {
      await world.close();
    }
  }
  if (options.shrink)
    for (const failure of failures) {
      const shortest = await shrink(kind, failure.seed, options.steps);
      print(`  minimal replay: npm run soak -- --db ${kind} --seed ${failure.seed} --steps ${shortest}`);
    }
  return failures;
}

/** Bisects the step count down to the shortest prefix of the seed's day that still fails. */
async function shrink(kind: DbKind, seed: number, steps: number): Promise<number> {
  let low = 0;
  let high = steps;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    const world = await createWorld(kind, [seed]);
    try {
      const result = await runSeed(world, seed, middle);
      if (result.problems.length > 0) high = middle;
      else low = middle;
    } finally {
      await world.close();
    }
  }
  return high;
}

if (process.argv[1] && resolve(process.argv[1]) === import.meta.filename) {
  const options = parse(process.argv.slice(2));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
  let failed = 0;
  for (const kind of options.dbs) {
    if (kind === 'postgres' && !(await isPostgresReachable())) {
      console.log('postgres: not reachable, skipped');
      continue;
    }
    failed += (await soak(kind, options)).length;
  }
  process.exit(failed > 0 ? 1 : 0);
}
