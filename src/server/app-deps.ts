import type { Config } from '../config/config.ts';
import type { Db } from '../db/database.ts';
import type { Clock } from '../shared/clock.ts';
import type { IdGenerator } from '../shared/ids.ts';
import type { SecretBox } from '../shared/secret-box.ts';

/** The I/O every route and service is handed: nothing is imported as a global. */
export interface AppDeps {
  db: Db;
  clock: Clock;
  newId: IdGenerator;
  config: Config;
  /** Seals and opens stored credentials (Shopify tokens and secrets). */
  secretBox: SecretBox;
}
