/**
 * Pacing against Shopify's cost-based leaky bucket (shopify/FACTS.md §a), pure. Every response
 * carries `extensions.cost.throttleStatus`; before the next call we wait until the bucket will hold
 * its requested cost. THROTTLED comes back as HTTP 200, which the official client does not retry,
 * so backing off is ours too: exponential with full jitter, capped.
 */
export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

/** Milliseconds to wait, `elapsedMs` after the status was read, before spending `cost` points. */
export function waitBeforeCall(status: ThrottleStatus, cost: number, elapsedMs: number): number {
  const restored = Math.min(
    status.maximumAvailable,
    status.currentlyAvailable + (status.restoreRate * elapsedMs) / 1000,
  );
  const needed = Math.min(cost, status.maximumAvailable) - restored;
  return needed <= 0 ? 0 : Math.ceil((needed / status.restoreRate) * 1000);
}

/** Full-jitter exponential backoff: attempt 0 → up to `baseMs`, doubling, capped at `capMs`. */
export function backoffDelay(attempt: number, random: () => number, baseMs = 500, capMs = 30_000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** attempt);
  return Math.floor(random() * ceiling);
}
