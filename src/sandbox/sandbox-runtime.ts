import type { Clock } from '../shared/clock.ts';
import { FaultBoard } from './faults/fault-knobs.ts';
import type { SandboxDb } from './store/sandbox-db.ts';
import { CostBuckets } from './throttle/cost-bucket.ts';

/** Everything one running sandbox holds besides its routes. */
export interface SandboxRuntime {
  db: SandboxDb;
  clock: Clock;
  buckets: CostBuckets;
  faults: FaultBoard;
  /** Lifetime of client-credentials tokens (Shopify: about 24 hours). */
  tokenTtlSeconds: number;
  apiVersion: string;
  /** First retry delay of a failed webhook delivery; later ones double (Shopify's schedule, compressed). */
  webhookRetryBaseMs: number;
  /** How long a receiver has to answer a delivery (Shopify: 5 s). */
  webhookResponseLimitMs: number;
  /** Set once the server listens; webhook payload URLs and bulk result URLs are built on it. */
  baseUrl: string;
  /** Called after each Admin request with the events it raised (the webhook dispatcher subscribes). */
  onEvents: (shopId: number, events: Array<{ topic: string; payload: unknown }>) => void;
  /** The simulated shoppers (set when the server starts). */
  storefronts?: import('./control/storefront.ts').Storefronts;
}

export function createRuntime(
  db: SandboxDb,
  clock: Clock,
  seed: number,
  tokenTtlSeconds: number,
): SandboxRuntime {
  return {
    db,
    clock,
    buckets: new CostBuckets(),
    faults: new FaultBoard(seed),
    tokenTtlSeconds,
    apiVersion: '2026-07',
    webhookRetryBaseMs: 1000,
    webhookResponseLimitMs: 5000,
    baseUrl: '',
    onEvents: () => {},
  };
}
