import type { SandboxContext } from '../context.ts';
import { gid, parseGid } from '../gid.ts';
import { connection, keysetPage, type PageArgs } from '../graphql/connection.ts';
import { availableOverActiveLevels, findLevel } from '../inventory/levels.repository.ts';
import type { LevelRow, ProductRow, VariantRow } from '../store/rows.ts';
import { sql } from '../store/statements.ts';
import { levelModel } from './level-model.ts';

export function productModel(ctx: SandboxContext, row: ProductRow) {
  return {
    __typename: 'Product',
    id: gid('Product', row.id),
    legacyResourceId: String(row.id),
    title: row.title,
    handle: row.handle,
    status: row.status,
    vendor: row.vendor,
    productType: row.product_type,
    tags: JSON.parse(row.tags) as string[],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    totalInventory: () => {
      const total = sql(
        ctx.db,
        `SELECT COALESCE(SUM(q.quantity), 0) AS total FROM variants v JOIN levels l ON l.item_id = v.inventory_item_id
         JOIN quantities q ON q.level_id = l.id WHERE v.product_id = ? AND l.active = 1 AND q.name = 'available'`,
      ).get(row.id) as { total: number };
      return total.total;
    },
    variants: (args: PageArgs) =>
      connection(
        keysetPage(
          args,
          ({ afterId, beforeId, limit, descending }) =>
            sql(
              ctx.db,
              `SELECT * FROM variants WHERE product_id = ? AND id > ? AND id < ? ORDER BY id ${descending ? 'DESC' : 'ASC'} LIMIT ?`,
            ).all(row.id, afterId, beforeId, limit) as VariantRow[],
        ),
        (variant) => variantModel(ctx, variant),
      ),
  };
}

export function findProduct(ctx: SandboxContext, id: number): ProductRow | undefined {
  return sql(ctx.db, 'SELECT * FROM products WHERE id = ? AND shop_id = ? AND deleted = 0').get(
    id,
    ctx.shop.id,
  ) as ProductRow | undefined;
}

export function variantModel(ctx: SandboxContext, row: VariantRow) {
  return {
    __typename: 'ProductVariant',
    id: gid('ProductVariant', row.id),
    legacyResourceId: String(row.id),
    title: row.title,
    sku: row.sku,
    barcode: row.barcode,
    price: row.price,
    compareAtPrice: row.compare_at_price,
    taxable: row.taxable === 1,
    inventoryPolicy: row.inventory_policy,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    selectedOptions: JSON.parse(row.options) as Array<{ name: string; value: string }>,
    inventoryQuantity: () => availableOverActiveLevels(ctx.db, row.inventory_item_id),
    inventoryItem: () => inventoryItemModel(ctx, row),
    product: () =>
      productModel(ctx, sql(ctx.db, 'SELECT * FROM products WHERE id = ?').get(row.product_id) as ProductRow),
  };
}

/** Inventory items live in the variants table (one item per variant) but have their own ids. */
export function inventoryItemModel(ctx: SandboxContext, variant: VariantRow) {
  const itemId = variant.inventory_item_id;
  return {
    __typename: 'InventoryItem',
    id: gid('InventoryItem', itemId),
    legacyResourceId: String(itemId),
    sku: variant.sku,
    tracked: variant.tracked === 1,
    requiresShipping: variant.requires_shipping === 1,
    createdAt: variant.created_at,
    updatedAt: variant.updated_at,
    variant: () => variantModel(ctx, variant),
    inventoryLevel: (args: { locationId: string; includeInactive?: boolean }) => {
      const locationId = parseGid(args.locationId, 'Location');
      const level = locationId === undefined ? undefined : findLevel(ctx.db, itemId, locationId);
      if (!level || (!level.active && !args.includeInactive)) return null;
      return levelModel(ctx, level);
    },
    // Inactive levels are hidden unless asked for (NOTES §12).
    inventoryLevels: (args: PageArgs & { includeInactive?: boolean }) =>
      connection(
        keysetPage(
          args,
          ({ afterId, beforeId, limit, descending }) =>
            sql(
              ctx.db,
              `SELECT * FROM levels WHERE item_id = ? AND (active = 1 OR ?) AND id > ? AND id < ?
             ORDER BY id ${descending ? 'DESC' : 'ASC'} LIMIT ?`,
            ).all(itemId, args.includeInactive ? 1 : 0, afterId, beforeId, limit) as LevelRow[],
        ),
        (level) => levelModel(ctx, level),
      ),
  };
}

export function findVariant(ctx: SandboxContext, id: number): VariantRow | undefined {
  return sql(ctx.db, 'SELECT * FROM variants WHERE id = ? AND shop_id = ?').get(id, ctx.shop.id) as
    | VariantRow
    | undefined;
}

export function findVariantByItem(ctx: SandboxContext, itemId: number): VariantRow | undefined {
  return sql(ctx.db, 'SELECT * FROM variants WHERE inventory_item_id = ? AND shop_id = ?').get(
    itemId,
    ctx.shop.id,
  ) as VariantRow | undefined;
}
