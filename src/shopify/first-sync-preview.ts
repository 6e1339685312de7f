import type { Kysely } from 'kysely';
import { type MatchResult, matchCatalogs } from '../core/catalog-matching.ts';
import type { Database } from '../db/schema.ts';

/**
 * First sync, step 2: match the staged Shopify catalogue against the POS — by GTIN, then SKU — and
 * say what would happen. Nothing changes until the owner confirms.
 */
export interface FirstSyncPreview extends MatchResult {
  jobId: string;
  counts: { matched: number; posOnly: number; shopifyOnly: number; conflicts: number };
}

export async function previewFirstSync(db: Kysely<Database>, jobId: string): Promise<FirstSyncPreview> {
  const linked = await db
    .selectFrom('shopify_variant_links')
    .select(['variant_id', 'shopify_variant_id'])
    .execute();
  const linkedPos = new Set(linked.map((l) => l.variant_id));
  const linkedShopify = new Set(linked.map((l) => l.shopify_variant_id));
  const pos = (
    await db
      .selectFrom('product_variants')
      .select(['id', 'sku', 'barcode_key'])
      .where('active', '=', 1)
      .execute()
  )
    .filter((v) => !linkedPos.has(v.id))
    .map((v) => ({
      id: v.id,
      sku: v.sku,
      gtin: v.barcode_key && !v.barcode_key.startsWith('int:') ? v.barcode_key : null,
    }));
  const shopify = (
    await db
      .selectFrom('shopify_staged_variants')
      .select(['shopify_variant_id', 'sku', 'barcode'])
      .where('job_id', '=', jobId)
      .execute()
  )
    .filter((v) => !linkedShopify.has(v.shopify_variant_id))
    .map((v) => ({ id: v.shopify_variant_id, sku: v.sku, barcode: v.barcode }));
  const result = matchCatalogs(pos, shopify);
  return {
    jobId,
    ...result,
    counts: {
      matched: result.matched.length,
      posOnly: result.posOnly.length,
      shopifyOnly: result.shopifyOnly.length,
      conflicts: result.conflicts.length,
    },
  };
}
