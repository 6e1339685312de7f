import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Clock } from '../shared/clock.ts';
import type { SecretBox } from '../shared/secret-box.ts';
import { loadConnection, type ShopifyConnectionRow } from './connection.repository.ts';
import { createShopifyGraphql, type ShopifyGraphql } from './shopify-graphql.ts';
import { tokenSourceFor } from './token-source.ts';

/** The API client for the connected store, rebuilt when the connection changes. */
export function createSyncClientProvider(
  db: Kysely<Database>,
  deps: { clock: Clock; secretBox: SecretBox },
): () => Promise<{ connection: ShopifyConnectionRow; shopify: ShopifyGraphql } | null> {
  let cached: { connectedAt: string; shopify: ShopifyGraphql } | undefined;
  return async () => {
    const connection = await loadConnection(db);
    if (!connection) return null;
    if (cached?.connectedAt !== connection.connected_at) {
      cached = {
        connectedAt: connection.connected_at,
        shopify: createShopifyGraphql({
          shopDomain: connection.shop_domain,
          tokens: tokenSourceFor(db, deps, connection),
          apiOrigin: connection.api_origin ?? undefined,
        }),
      };
    }
    return { connection, shopify: cached.shopify };
  };
}
