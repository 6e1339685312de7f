import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { SecretBox } from '../shared/secret-box.ts';
import type { ShopifyConnectionTable } from './shopify.table.ts';

export type ShopifyConnectionRow = Selectable<ShopifyConnectionTable>;

export function loadConnection(db: Kysely<Database>): Promise<ShopifyConnectionRow | undefined> {
  return db.selectFrom('shopify_connection').selectAll().where('id', '=', 1).executeTakeFirst();
}

/** The app secret that signs webhooks, opened only where it is used. */
export function webhookSecretOf(connection: ShopifyConnectionRow, box: SecretBox): string {
  return box.open(connection.api_secret_sealed);
}
