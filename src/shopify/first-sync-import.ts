import type { Kysely } from 'kysely';
import { createProduct } from '../catalog/create-product.service.ts';
import { normaliseBarcode } from '../core/gtin.ts';
import { parseDecimalToMinor } from '../core/money.ts';
import type { Database } from '../db/schema.ts';
import { getShopSettings } from '../settings/settings.repository.ts';
import { AppError } from '../shared/app-error.ts';
import { type Clock, isoNow } from '../shared/clock.ts';
import type { IdGenerator } from '../shared/ids.ts';

/**
 * First sync, the owner's choice "import Shopify-only products": each Shopify product whose
 * variants matched nothing in the POS becomes a POS product with the same variants (SKU, GTIN
 * barcode, price; the shop's default tax rate), linked at once. A product the catalogue refuses
 * (say, a SKU already taken by an unlinked item) is skipped and reported, never half-imported.
 */
export async function importShopifyOnlyProducts(
  db: Kysely<Database>,
  deps: { clock: Clock; newId: IdGenerator },
  jobId: string,
  shopifyVariantIds: readonly string[],
): Promise<{ imported: number; skipped: Array<{ product: string; reason: string }>; variantIds: string[] }> {
  if (shopifyVariantIds.length === 0) return { imported: 0, skipped: [], variantIds: [] };
  const settings = await getShopSettings(db);
  const staged = await db
    .selectFrom('shopify_staged_variants')
    .selectAll()
    .where('job_id', '=', jobId)
    .where('shopify_variant_id', 'in', shopifyVariantIds)
    .orderBy('shopify_product_id')
    .orderBy('shopify_variant_id')
    .execute();
  const byProduct = new Map<string, typeof staged>();
  for (const row of staged)
    byProduct.set(row.shopify_product_id, [...(byProduct.get(row.shopify_product_id) ?? []), row]);

  let imported = 0;
  const variantIds: string[] = [];
  const skipped: Array<{ product: string; reason: string }> = [];
  for (const variants of byProduct.values()) {
    const first = variants[0]!;
    const multi = variants.length > 1;
    try {
      const created = await db.transaction().execute(async (trx) => {
        const product = await createProduct(trx, deps, {
          name: first.product_title,
          taxRateBp: settings.defaultTaxRateBp,
          optionNames: multi ? ['Variant'] : [],
          variants: variants.map((v) => ({
            optionValues: multi ? [v.variant_title] : [],
            sku: v.sku,
            // Only a valid GTIN travels; a shop's own code would need marking as internal by a person.
            barcode: v.barcode && normaliseBarcode(v.barcode).ok ? v.barcode : null,
            priceMinor: priceOf(v.price),
          })),
        });
        const now = isoNow(deps.clock);
        for (const [i, variant] of product.variants.entries()) {
          const source = variants[i]!;
          await trx
            .insertInto('shopify_variant_links')
            .values({
              variant_id: variant.id,
              shopify_variant_id: source.shopify_variant_id,
              shopify_inventory_item_id: source.inventory_item_id,
              shopify_product_id: source.shopify_product_id,
              linked_at: now,
            })
            .execute();
        }
        return product.variants.map((v) => v.id);
      });
      variantIds.push(...created);
      imported += variants.length;
    } catch (error) {
      skipped.push({
        product: first.product_title,
        reason: error instanceof AppError ? error.message : String(error),
      });
    }
  }
  return { imported, skipped, variantIds };
}

function priceOf(text: string): number {
  try {
    return parseDecimalToMinor(text);
  } catch {
    return 0;
  }
}
