import { settleAndCheck } from './check.ts';
import { step } from './generator.ts';
import { prng } from './prng.ts';
import type { World } from './world.ts';

/**
 * One seed: its fault profile, its day of `steps` random steps (some of them with a server process
 * killed mid-flight), then settle and check. The seed decides everything the generator does.
 */
export interface SeedResult {
  seed: number;
  steps: number;
  problems: string[];
  kills: number;
  notes: string[];
  events: string[];
  /** Milliseconds spent on the day's steps and on settling and checking. */
  ms: { steps: number; settle: number };
}

export const DEFAULT_STEPS = 30;

export async function runSeed(world: World, seed: number, steps = DEFAULT_STEPS): Promise<SeedResult> {
  const oracle = world.seeds.get(seed);
  if (!oracle) throw new Error(`seed ${seed} has no items in this batch`);
  const random = prng(seed);
  const notes: string[] = [];
  const faulty = random.chance(0.85);
  await world.control(
    '/faults',
    faulty
      ? {
          apiFailureRate: random.next() * 0.15,
          timeoutAfterApplyRate: random.next() * 0.2,
          webhookDropRate: random.next() * 0.3,
          webhookDuplicateRate: random.next() * 0.3,
          webhookDelayRate: random.next() * 0.3,
          webhookDelayMs: random.int(20, 400),
          webhookReorderRate: random.next() * 0.3,
        }
      : {},
    'PUT',
  );
  // A quarter of the seeds see one or two SIGKILLs at random steps (a restart costs about 2 s).
  const killSteps = new Set<number>();
  if (random.chance(0.25)) for (let k = random.int(1, 2); k > 0; k--) killSteps.add(random.int(0, steps - 1));
  const killsBefore = world.pool.kills;
  let problems: string[] = [];
  const started = Date.now();
  let settling = started;
  try {
    for (let i = 0; i < steps; i++) {
      await step({
        world,
        oracle,
        random,
        seed,
        killDuring: killSteps.has(i),
        note: (line) => notes.push(`#${i} ${line}`),
      });
    }
    settling = Date.now();
    problems = await settleAndCheck(world, oracle);
  } catch (error) {
    problems = [`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`];
  }
  const ended = Date.now();
  return {
    seed,
    steps,
    problems,
    kills: world.pool.kills - killsBefore,
    notes,
    events: oracle.events,
    ms: { steps: settling - started, settle: ended - settling },
  };
}
