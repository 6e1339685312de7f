/**
 * Shopify's leaky bucket per app and shop (NOTES §9): a request needs its requested cost in the bucket
 * before it runs, is charged it, and gets the difference to its actual cost back afterwards; the bucket
 * refills at `restoreRate` points a second up to `maximumAvailable`. Pure apart from the clock reading
 * handed in. `scale` shrinks the bucket (the "shrink the bucket" fault knob).
 */
export interface BucketState {
  available: number;
  updatedAtMs: number;
}

export interface BucketLimits {
  maximumAvailable: number;
  restoreRate: number;
}

export function refill(state: BucketState, limits: BucketLimits, nowMs: number): BucketState {
  const elapsed = Math.max(0, nowMs - state.updatedAtMs) / 1000;
  return {
    available: Math.min(limits.maximumAvailable, state.available + elapsed * limits.restoreRate),
    updatedAtMs: nowMs,
  };
}

export class CostBuckets {
  private readonly states = new Map<string, BucketState>();

  /** Takes `cost` from the bucket if it holds that much; answers whether it did and what is left. */
  take(key: string, limits: BucketLimits, cost: number, nowMs: number): { ok: boolean; available: number } {
    const state = refill(
      this.states.get(key) ?? { available: limits.maximumAvailable, updatedAtMs: nowMs },
      limits,
      nowMs,
    );
    if (state.available < cost) {
      this.states.set(key, state);
      return { ok: false, available: state.available };
    }
    state.available -= cost;
    this.states.set(key, state);
    return { ok: true, available: state.available };
  }

  /** Gives back what was charged but not spent. */
  refund(key: string, limits: BucketLimits, points: number): number {
    const state = this.states.get(key);
    if (!state) return limits.maximumAvailable;
    state.available = Math.min(limits.maximumAvailable, state.available + points);
    return state.available;
  }

  reset(): void {
    this.states.clear();
  }
}
