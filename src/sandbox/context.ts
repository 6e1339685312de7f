import type { Clock } from '../shared/clock.ts';
import type { SandboxRuntime } from './sandbox-runtime.ts';
import type { ShopRow } from './store/rows.ts';
import type { SandboxDb } from './store/sandbox-db.ts';

/** What every resolver gets: the sandbox database, the shop the token belongs to, and the clock. */
export interface SandboxContext {
  db: SandboxDb;
  shop: ShopRow;
  clock: Clock;
  /** Webhook events raised while the request ran; queued after it commits. */
  events: SandboxEvent[];
  /** The running sandbox (bulk jobs run beside the request and build result URLs from it). */
  runtime?: SandboxRuntime;
}

export interface SandboxEvent {
  topic: string;
  payload: unknown;
}
