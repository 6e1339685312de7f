import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPostgresReachable } from '../support/test-databases.ts';
import { runSeed } from './run-seed.ts';
import { createWorld, type DbKind, type World } from './world.ts';

/**
 * The bounded slice of `npm run soak` that `npm test` runs: a few seeds per database, each a random
 * day under faults (and, for some, SIGKILLs), checked against the oracle. `npm run soak` runs as many
 * as asked; a failure here prints the same replay command.
 */
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];
const postgresRequired = process.env.TILLSYNC_REQUIRE_POSTGRES === '1';
const postgres = postgresRequired || (await isPostgresReachable());

for (const kind of ['sqlite', 'postgres'] as DbKind[]) {
  const skip = kind === 'postgres' && !postgres;
  describe.skipIf(skip)(`soak on ${kind}${skip ? ' (skipped: PostgreSQL not reachable)' : ''}`, () => {
    let world: World;
    beforeAll(async () => {
      world = await createWorld(kind, SEEDS);
    }, 120_000);
    afterAll(async () => {
      await world?.close();
    });

    it.each(SEEDS)(
      'seed %i keeps the invariant',
      async (seed) => {
        const result = await runSeed(world, seed);
        const replay = `npm run soak -- --db ${kind} --seed ${seed} --steps ${result.steps}`;
        expect({ problems: result.problems, replay }).toEqual({ problems: [], replay });
      },
      120_000,
    );
  });
}
