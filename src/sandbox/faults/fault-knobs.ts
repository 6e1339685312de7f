import { seededRandom } from './seeded-random.ts';

/**
 * Fault knobs per shop, each a rate in [0, 1] (DESIGN §4). API faults are decided per request in the
 * Admin API route; webhook faults per delivery in the dispatcher. Decisions come from one PRNG per
 * shop seeded from the sandbox seed, so a run with the same seed and the same calls fails the same way.
 */
export interface FaultKnobs {
  /** Share of Admin API calls answered with one of `apiFailureStatuses` without running. */
  apiFailureRate: number;
  apiFailureStatuses: number[];
  /** Share of mutations that are applied and then answered with a timeout (504) instead of the result. */
  timeoutAfterApplyRate: number;
  /** Multiplies the plan's bucket size and restore rate (0.1 = a bucket ten times smaller). */
  bucketScale: number;
  webhookDropRate: number;
  webhookDuplicateRate: number;
  webhookDelayRate: number;
  webhookDelayMs: number;
  /** Share of deliveries held back so that a later one overtakes them. */
  webhookReorderRate: number;
}

export const noFaults: FaultKnobs = {
  apiFailureRate: 0,
  apiFailureStatuses: [429, 500, 502, 503],
  timeoutAfterApplyRate: 0,
  bucketScale: 1,
  webhookDropRate: 0,
  webhookDuplicateRate: 0,
  webhookDelayRate: 0,
  webhookDelayMs: 2000,
  webhookReorderRate: 0,
};

export class FaultBoard {
  private readonly knobs = new Map<number, FaultKnobs>();
  private readonly randoms = new Map<number, () => number>();

  constructor(private readonly seed: number) {}

  get(shopId: number): FaultKnobs {
    return this.knobs.get(shopId) ?? noFaults;
  }

  set(shopId: number, knobs: Partial<FaultKnobs>): FaultKnobs {
    const merged = { ...this.get(shopId), ...knobs };
    this.knobs.set(shopId, merged);
    return merged;
  }

  /** True with probability `rate`, drawn from the shop's own seeded sequence. */
  roll(shopId: number, rate: number): boolean {
    if (rate <= 0) return false;
    let random = this.randoms.get(shopId);
    if (!random) {
      random = seededRandom(this.seed ^ shopId);
      this.randoms.set(shopId, random);
    }
    return random() < rate;
  }

  pick<T>(shopId: number, options: T[]): T | undefined {
    if (!options.length) return undefined;
    const random = this.randoms.get(shopId) ?? seededRandom(this.seed ^ shopId);
    this.randoms.set(shopId, random);
    return options[Math.floor(random() * options.length)];
  }

  reset(): void {
    this.knobs.clear();
    this.randoms.clear();
  }
}
