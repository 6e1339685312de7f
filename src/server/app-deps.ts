import type { Config } from '../config/config.ts';
import type { Db } from '../db/database.ts';
import type { Clock } from '../shared/clock.ts';
import type { IdGenerator } from '../shared/ids.ts';
import type { SecretBox } from '../shared/secret-box.ts';
import type { SyncEngine } from '../shopify/sync-engine.ts';

/** The I/O every route and service is handed: nothing is imported as a global. */
export interface AppDeps {
  db: Db;
  clock: Clock;
  newId: IdGenerator;
  config: Config;
  /** Seals and opens stored credentials (Shopify tokens and secrets). */
  secretBox: SecretBox;
  /** The Shopify sync loop of this process, when one runs (not in most tests). */
  shopifySync?: SyncEngine | undefined;
}
