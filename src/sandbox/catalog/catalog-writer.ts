import type { SandboxContext } from '../context.ts';
import { activateLevel, addQuantity } from '../inventory/levels.repository.ts';
import { nowText } from '../shopify-time.ts';
import type { ProductRow, VariantRow } from '../store/rows.ts';
import { allocateIds } from '../store/sandbox-db.ts';
import { sql } from '../store/statements.ts';

export interface VariantSpec {
  id?: number;
  options: Array<{ name: string; value: string }>;
  price?: string | null;
  compareAtPrice?: string | null;
  sku?: string | null;
  barcode?: string | null;
  taxable?: boolean | null;
  inventoryPolicy?: string | null;
  tracked?: boolean | null;
  requiresShipping?: boolean | null;
  /** Quantities by location id: `available` or `on_hand` as productSet's inventoryQuantities give them. */
  quantities?: Array<{ locationId: number; name: string; quantity: number }>;
}

export interface ProductSpec {
  title: string;
  handle?: string | null;
  status?: string | null;
  vendor?: string | null;
  productType?: string | null;
  tags?: string[] | null;
  variants: VariantSpec[];
}

export function handleFor(title: string): string {
  return (
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'product'
  );
}

function variantTitle(options: VariantSpec['options']): string {
  return options.length ? options.map((o) => o.value).join(' / ') : 'Default Title';
}

/**
 * Writes a product and its variants (each with its own inventory item, stocked at the given locations
 * or else at the shop's first location) — the one write path for productSet and the bulk seeding route.
 * Runs inside the caller's transaction.
 */
export function writeProduct(ctx: SandboxContext, spec: ProductSpec, existing?: ProductRow): number {
  const now = nowText(ctx.clock);
  const productId = existing?.id ?? allocateIds(ctx.db);
  if (existing) {
    sql(
      ctx.db,
      'UPDATE products SET title = ?, handle = ?, status = ?, vendor = ?, product_type = ?, tags = ?, updated_at = ? WHERE id = ?',
    ).run(
      spec.title || existing.title,
      spec.handle ?? existing.handle,
      spec.status ?? existing.status,
      spec.vendor ?? existing.vendor,
      spec.productType ?? existing.product_type,
      JSON.stringify(spec.tags ?? JSON.parse(existing.tags)),
      now,
      productId,
    );
  } else {
    sql(
      ctx.db,
      `INSERT INTO products (id, shop_id, title, handle, status, vendor, product_type, tags, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      productId,
      ctx.shop.id,
      spec.title,
      spec.handle ?? `${handleFor(spec.title)}-${productId}`,
      spec.status ?? 'ACTIVE',
      spec.vendor ?? ctx.shop.name,
      spec.productType ?? '',
      JSON.stringify(spec.tags ?? []),
      now,
      now,
    );
  }
  const current = existing
    ? (sql(ctx.db, 'SELECT * FROM variants WHERE product_id = ? ORDER BY position').all(
        productId,
      ) as VariantRow[])
    : [];
  const kept = new Set<number>();
  const firstLocation = sql(ctx.db, 'SELECT id FROM locations WHERE shop_id = ? ORDER BY id LIMIT 1').get(
    ctx.shop.id,
  ) as { id: number } | undefined;
  spec.variants.forEach((variant, position) => {
    const title = variantTitle(variant.options);
    const match =
      current.find((row) => row.id === variant.id) ??
      current.find((row) => row.title === title && !kept.has(row.id));
    if (match) {
      kept.add(match.id);
      sql(
        ctx.db,
        `UPDATE variants SET title = ?, sku = ?, barcode = ?, price = ?, compare_at_price = ?, taxable = ?, inventory_policy = ?,
         options = ?, position = ?, tracked = ?, requires_shipping = ?, updated_at = ? WHERE id = ?`,
      ).run(
        title,
        variant.sku === undefined ? match.sku : variant.sku,
        variant.barcode === undefined ? match.barcode : variant.barcode,
        variant.price ?? match.price,
        variant.compareAtPrice === undefined ? match.compare_at_price : variant.compareAtPrice,
        variant.taxable === undefined || variant.taxable === null ? match.taxable : Number(variant.taxable),
        variant.inventoryPolicy ?? match.inventory_policy,
        JSON.stringify(variant.options),
        position + 1,
        variant.tracked === undefined || variant.tracked === null ? match.tracked : Number(variant.tracked),
        variant.requiresShipping === undefined || variant.requiresShipping === null
          ? match.requires_shipping
          : Number(variant.requiresShipping),
        now,
        match.id,
      );
      setQuantities(ctx, match.inventory_item_id, variant.quantities ?? [], now);
      return;
    }
    const variantId = allocateIds(ctx.db);
    const itemId = allocateIds(ctx.db);
    sql(
      ctx.db,
      `INSERT INTO variants (id, shop_id, product_id, title, sku, barcode, price, compare_at_price, taxable, inventory_policy,
        options, position, inventory_item_id, tracked, requires_shipping, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      variantId,
      ctx.shop.id,
      productId,
      title,
      variant.sku ?? null,
      variant.barcode ?? null,
      variant.price ?? '0.00',
      variant.compareAtPrice ?? null,
      variant.taxable === false ? 0 : 1,
      variant.inventoryPolicy ?? 'DENY',
      JSON.stringify(variant.options),
      position + 1,
      itemId,
      (variant.tracked ?? Boolean(variant.quantities?.length)) ? 1 : 0,
      variant.requiresShipping === false ? 0 : 1,
      now,
      now,
    );
    const quantities = variant.quantities?.length ? variant.quantities : [];
    if (!quantities.length && firstLocation)
      activateLevel(ctx.db, ctx.shop.id, itemId, firstLocation.id, now);
    setQuantities(ctx, itemId, quantities, now);
  });
  for (const row of current) {
    if (kept.has(row.id)) continue;
    sql(ctx.db, 'DELETE FROM quantities WHERE level_id IN (SELECT id FROM levels WHERE item_id = ?)').run(
      row.inventory_item_id,
    );
    sql(ctx.db, 'DELETE FROM levels WHERE item_id = ?').run(row.inventory_item_id);
    sql(ctx.db, 'DELETE FROM variants WHERE id = ?').run(row.id);
  }
  return productId;
}

function setQuantities(
  ctx: SandboxContext,
  itemId: number,
  quantities: NonNullable<VariantSpec['quantities']>,
  now: string,
): void {
  for (const q of quantities) {
    const level = activateLevel(ctx.db, ctx.shop.id, itemId, q.locationId, now);
    const row = sql(ctx.db, "SELECT quantity FROM quantities WHERE level_id = ? AND name = 'available'").get(
      level.id,
    ) as { quantity: number } | undefined;
    // on_hand and available move together here: the only stored part that changes is available.
    const delta = q.quantity - (q.name === 'on_hand' ? onHandOf(ctx, level.id) : (row?.quantity ?? 0));
    if (delta !== 0) addQuantity(ctx.db, level.id, 'available', delta, now);
  }
}

function onHandOf(ctx: SandboxContext, levelId: number): number {
  const row = sql(
    ctx.db,
    "SELECT COALESCE(SUM(quantity), 0) AS total FROM quantities WHERE level_id = ? AND name <> 'incoming'",
  ).get(levelId) as { total: number };
  return row.total;
}
