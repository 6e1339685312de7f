import type { SandboxContext } from '../context.ts';
import { gid } from '../gid.ts';
import { availableOverActiveLevels } from '../inventory/levels.repository.ts';
import type { ProductRow, VariantRow } from '../store/rows.ts';
import { sql } from '../store/statements.ts';

/** REST-shaped webhook bodies (NOTES §7: payloads are the REST resource JSON). */
export function productWebhookPayload(ctx: SandboxContext, product: ProductRow) {
  const variants = sql(ctx.db, 'SELECT * FROM variants WHERE product_id = ? ORDER BY position').all(
    product.id,
  ) as VariantRow[];
  return {
    id: product.id,
    admin_graphql_api_id: gid('Product', product.id),
    title: product.title,
    handle: product.handle,
    status: product.status.toLowerCase(),
    vendor: product.vendor,
    product_type: product.product_type,
    tags: (JSON.parse(product.tags) as string[]).join(', '),
    created_at: product.created_at,
    updated_at: product.updated_at,
    variants: variants.map((v) => ({
      id: v.id,
      admin_graphql_api_id: gid('ProductVariant', v.id),
      product_id: product.id,
      title: v.title,
      sku: v.sku,
      barcode: v.barcode,
      price: v.price,
      position: v.position,
      inventory_item_id: v.inventory_item_id,
      inventory_quantity: availableOverActiveLevels(ctx.db, v.inventory_item_id),
      inventory_policy: v.inventory_policy.toLowerCase(),
      created_at: v.created_at,
      updated_at: v.updated_at,
    })),
  };
}
