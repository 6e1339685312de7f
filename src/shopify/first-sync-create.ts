import type { Kysely } from 'kysely';
import { INTERNAL_KEY_PREFIX } from '../core/gtin.ts';
import type { Database } from '../db/schema.ts';
import { type Clock, isoNow } from '../shared/clock.ts';
import {
  OPTION_KEY_SEPARATOR,
  type PosProductForShopify,
  planProductSet,
} from './first-sync-product-input.ts';
import { PRODUCT_SET_BY_HANDLE } from './operations/product-set-by-handle.ts';
import type { ShopifyGraphql } from './shopify-graphql.ts';

/**
 * First sync, the owner's choice "create POS-only products on Shopify": each POS product whose
 * active variants are all POS-only is created on Shopify with those variants (title, SKU, GTIN
 * barcode, price, option values), tracked and stocked at zero at every mapped Shopify location,
 * then linked like a matched item — so the sync points and the reconciliation that follow set
 * Shopify to the POS figure.
 *
 * Resumable: a product is linked in one transaction right after Shopify answers, and the call
 * upserts by a handle derived from the POS product id, so a run interrupted between the two makes
 * the next run update the same Shopify product rather than create another. A product partly on
 * Shopify already (some variants linked, matched or in conflict) is skipped with a reason.
 */
export interface CreateOnShopifyOutcome {
  /** Variants created (or found again) on Shopify and linked. */
  created: number;
  products: number;
  skipped: Array<{ product: string; reason: string }>;
}

export type CreateProgress = (progress: { done: number; total: number }) => void;

interface ProductSetAnswer {
  productSet: {
    product: {
      id: string;
      variants: {
        nodes: Array<{
          id: string;
          selectedOptions: Array<{ name: string; value: string }>;
          inventoryItem: { id: string };
        }>;
      };
    } | null;
    userErrors: Array<{ field: string[] | null; message: string; code: string | null }>;
  };
}

const IDS_PER_QUERY = 500;
type PosVariant = PosProductForShopify['variants'][number];

export async function createPosOnlyProductsOnShopify(
  db: Kysely<Database>,
  deps: { clock: Clock },
  shopify: ShopifyGraphql,
  shopifyLocationIds: readonly string[],
  posOnlyVariantIds: readonly string[],
  onProgress?: CreateProgress,
): Promise<CreateOnShopifyOutcome> {
  const outcome: CreateOnShopifyOutcome = { created: 0, products: 0, skipped: [] };
  const posOnly = new Set(posOnlyVariantIds);
  const productIds = new Set<string>();
  for (let i = 0; i < posOnlyVariantIds.length; i += IDS_PER_QUERY) {
    const rows = await db
      .selectFrom('product_variants')
      .select('product_id')
      .where('id', 'in', posOnlyVariantIds.slice(i, i + IDS_PER_QUERY))
      .execute();
    for (const row of rows) productIds.add(row.product_id);
  }
  const total = productIds.size;
  let done = 0;
  onProgress?.({ done, total });
  for (const productId of productIds) {
    const product = await loadPosProduct(db, productId);
    done++;
    // Linked already (a run before this one got that far): nothing left to do for it.
    if (!product || product.variants.every((v) => v.linked)) {
      onProgress?.({ done, total });
      continue;
    }
    const notPosOnly = product.variants.filter((v) => v.linked || !posOnly.has(v.id));
    if (notPosOnly.length > 0) {
      outcome.skipped.push({
        product: product.name,
        reason: `${notPosOnly.length} of its variants are already on Shopify or in a conflict; add the rest there by hand`,
      });
      onProgress?.({ done, total });
      continue;
    }
    const planned = planProductSet(product, shopifyLocationIds);
    if (!planned.ok) {
      outcome.skipped.push({ product: product.name, reason: planned.reason });
      onProgress?.({ done, total });
      continue;
    }
    const { plan } = planned;
    const result = await shopify.request<ProductSetAnswer>(PRODUCT_SET_BY_HANDLE, {
      identifier: { handle: plan.handle },
      input: plan.input,
    });
    // Not a product's fault (network, throttling beyond the retries): stop; confirming again resumes.
    if (!result.ok) throw new Error(`creating "${product.name}" on Shopify failed: ${result.message}`);
    const { product: created, userErrors } = result.data.productSet;
    if (!created || userErrors.length > 0) {
      outcome.skipped.push({
        product: product.name,
        reason: `Shopify refused it: ${userErrors.map((e) => e.message).join('; ') || 'no product returned'}`,
      });
      onProgress?.({ done, total });
      continue;
    }
    const links = created.variants.nodes.flatMap((node) => {
      const variantId = plan.variantByOptions.get(
        node.selectedOptions.map((o) => o.value).join(OPTION_KEY_SEPARATOR),
      );
      return variantId ? [{ variantId, node }] : [];
    });
    if (links.length !== product.variants.length) {
      outcome.skipped.push({
        product: product.name,
        reason: `Shopify returned ${links.length} of its ${product.variants.length} variants; left unlinked`,
      });
      onProgress?.({ done, total });
      continue;
    }
    const now = isoNow(deps.clock);
    await db.transaction().execute(async (trx) => {
      for (const { variantId, node } of links) {
        await trx
          .insertInto('shopify_variant_links')
          .values({
            variant_id: variantId,
            shopify_variant_id: node.id,
            shopify_inventory_item_id: node.inventoryItem.id,
            shopify_product_id: created.id,
            linked_at: now,
          })
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
    });
    outcome.created += links.length;
    outcome.products++;
    onProgress?.({ done, total });
  }
  return outcome;
}

async function loadPosProduct(
  db: Kysely<Database>,
  productId: string,
): Promise<
  (Omit<PosProductForShopify, 'variants'> & { variants: Array<PosVariant & { linked: boolean }> }) | null
> {
  const product = await db
    .selectFrom('products')
    .select(['id', 'name', 'option_names'])
    .where('id', '=', productId)
    .where('active', '=', 1)
    .executeTakeFirst();
  if (!product) return null;
  const variants = await db
    .selectFrom('product_variants as v')
    .leftJoin('shopify_variant_links as link', 'link.variant_id', 'v.id')
    .select([
      'v.id',
      'v.title',
      'v.option_values',
      'v.sku',
      'v.barcode',
      'v.barcode_key',
      'v.price_minor',
      'link.shopify_variant_id',
    ])
    .where('v.product_id', '=', productId)
    .where('v.active', '=', 1)
    .orderBy('v.position')
    .orderBy('v.id')
    .execute();
  return {
    id: product.id,
    name: product.name,
    optionNames: JSON.parse(product.option_names) as string[],
    variants: variants.map((v) => ({
      id: v.id,
      title: v.title,
      optionValues: JSON.parse(v.option_values) as string[],
      sku: v.sku,
      barcode: v.barcode,
      barcodeIsGtin: v.barcode_key !== null && !v.barcode_key.startsWith(INTERNAL_KEY_PREFIX),
      priceMinor: v.price_minor,
      linked: v.shopify_variant_id !== null,
    })),
  };
}
