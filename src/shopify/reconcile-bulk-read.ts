import { BULK_INVENTORY_LEVELS_QUERY } from './operations/bulk-operation-run-query.ts';
import { type BulkWaitOptions, runBulkQuery } from './shopify-bulk-query.ts';
import type { ShopifyGraphql } from './shopify-graphql.ts';

/**
 * Shopify's `available` for every inventory item at every location, from one bulk export: the
 * reconciliation read of a large shop. Level lines name their item in `__parentId` (groupObjects is
 * false, the 2026-07 default), so each line is taken on its own as it streams in. The map's keys are
 * `<inventoryItemId>|<locationId>`, as readShopifyAvailable's.
 */
export async function readAllShopifyAvailable(
  shopify: ShopifyGraphql,
  options: BulkWaitOptions = {},
): Promise<{ ok: true; levels: Map<string, number> } | { ok: false; message: string }> {
  const levels = new Map<string, number>();
  const result = await runBulkQuery(
    shopify,
    BULK_INVENTORY_LEVELS_QUERY,
    (line) => {
      const parentId = line.__parentId;
      if (typeof parentId !== 'string') return;
      const level = line as {
        location?: { id?: string };
        quantities?: Array<{ name: string; quantity: number }>;
      };
      const available = level.quantities?.find((q) => q.name === 'available');
      if (level.location?.id && available) levels.set(`${parentId}|${level.location.id}`, available.quantity);
    },
    options,
  );
  return result.ok ? { ok: true, levels } : result;
}
