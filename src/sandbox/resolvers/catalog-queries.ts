import type { SandboxContext } from '../context.ts';
import { gid, parseGid, parseLevelGid } from '../gid.ts';
import { connection, keysetPage, type PageArgs, pageInMemory } from '../graphql/connection.ts';
import { parseSearchQuery, searchToSql } from '../graphql/search-query.ts';
import { levelModel } from '../models/level-model.ts';
import { findLocation, locationModel, locationsOfShop } from '../models/location-model.ts';
import { findRefund, orderModel, refundModel } from '../models/order-model.ts';
import {
  findProduct,
  findVariant,
  findVariantByItem,
  inventoryItemModel,
  productModel,
  variantModel,
} from '../models/product-model.ts';
import { findOrder } from '../orders/orders.repository.ts';
import type { LevelRow, LocationRow, ProductRow, VariantRow } from '../store/rows.ts';
import { sql } from '../store/statements.ts';
import { planLimits } from '../throttle/plans.ts';

type SearchArgs = PageArgs & { query?: string | null };

const productColumns = {
  updated_at: { column: 'updated_at', kind: 'time' },
  created_at: { column: 'created_at', kind: 'time' },
  id: { column: 'id', kind: 'id' },
  title: { column: 'title', kind: 'text' },
  status: { column: 'upper(status)', kind: 'text' },
} as const;
const variantColumns = {
  updated_at: { column: 'updated_at', kind: 'time' },
  created_at: { column: 'created_at', kind: 'time' },
  id: { column: 'id', kind: 'id' },
  sku: { column: 'sku', kind: 'text' },
  barcode: { column: 'barcode', kind: 'text' },
  product_id: { column: 'product_id', kind: 'id' },
} as const;

function searchPage<T extends { id: number }>(
  ctx: SandboxContext,
  table: string,
  columns: Parameters<typeof searchToSql>[1],
  args: SearchArgs,
  extra = '1',
) {
  const terms = parseSearchQuery(args.query);
  const filter = searchToSql(
    terms.map((t) => (t.field === 'status' ? { ...t, value: t.value.toUpperCase() } : t)),
    columns,
  );
  return keysetPage(
    args,
    ({ afterId, beforeId, limit, descending }) =>
      sql(
        ctx.db,
        `SELECT * FROM ${table} WHERE shop_id = ? AND ${extra} AND ${filter.where} AND id > ? AND id < ?
         ORDER BY id ${descending ? 'DESC' : 'ASC'} LIMIT ?`,
      ).all(ctx.shop.id, ...filter.params, afterId, beforeId, limit) as T[],
  );
}

/** Any node the sandbox knows, by GID; an unknown id is null, not an error (NOTES §1). */
export function nodeById(ctx: SandboxContext, id: string): unknown {
  const level = parseLevelGid(id);
  if (level) {
    const row = sql(
      ctx.db,
      `SELECT l.* FROM levels l JOIN locations loc ON loc.id = l.location_id
       WHERE loc.level_key = ? AND l.item_id = ? AND l.shop_id = ?`,
    ).get(level.levelKey, level.itemId, ctx.shop.id) as LevelRow | undefined;
    return row ? levelModel(ctx, row) : null;
  }
  const product = parseGid(id, 'Product');
  if (product !== undefined) {
    const row = findProduct(ctx, product);
    return row ? productModel(ctx, row) : null;
  }
  const variant = parseGid(id, 'ProductVariant');
  if (variant !== undefined) {
    const row = findVariant(ctx, variant);
    return row ? variantModel(ctx, row) : null;
  }
  const item = parseGid(id, 'InventoryItem');
  if (item !== undefined) {
    const row = findVariantByItem(ctx, item);
    return row ? inventoryItemModel(ctx, row) : null;
  }
  const location = parseGid(id, 'Location');
  if (location !== undefined) {
    const row = findLocation(ctx, location);
    return row ? locationModel(ctx, row) : null;
  }
  const order = parseGid(id, 'Order');
  if (order !== undefined) {
    const row = findOrder(ctx, order);
    return row ? orderModel(ctx, row) : null;
  }
  const refund = parseGid(id, 'Refund');
  if (refund !== undefined) {
    const row = findRefund(ctx, refund);
    return row ? refundModel(ctx, row) : null;
  }
  return null;
}

export const catalogQueries = {
  shop: (_: unknown, ctx: SandboxContext) => ({
    __typename: 'Shop',
    id: gid('Shop', ctx.shop.id),
    name: ctx.shop.name,
    myshopifyDomain: ctx.shop.domain,
    email: `owner@${ctx.shop.domain}`,
    currencyCode: ctx.shop.currency,
    ianaTimezone: 'Etc/UTC',
    createdAt: ctx.shop.created_at,
    updatedAt: ctx.shop.created_at,
    plan: {
      displayName: planLimits(ctx.shop.plan).displayName,
      partnerDevelopment: false,
      shopifyPlus: ctx.shop.plan === 'plus',
      publicDisplayName: planLimits(ctx.shop.plan).displayName,
    },
  }),
  location: (args: { id?: string | null }, ctx: SandboxContext) => {
    const rows = locationsOfShop(ctx);
    const row = args.id ? rows.find((r) => gid('Location', r.id) === args.id) : rows[0];
    return row ? locationModel(ctx, row) : null;
  },
  // Shopify sorts by NAME; the sandbox pages in creation order, and the cursor's last_value is the name
  // as Shopify's is (NOTES §1). Shops here hold a handful of locations.
  locations: (args: PageArgs, ctx: SandboxContext) =>
    connection(
      pageInMemory(args, locationsOfShop(ctx)),
      (row: LocationRow) => locationModel(ctx, row),
      (row) => row.name,
    ),
  product: (args: { id: string }, ctx: SandboxContext) => {
    const id = parseGid(args.id, 'Product');
    const row = id === undefined ? undefined : findProduct(ctx, id);
    return row ? productModel(ctx, row) : null;
  },
  products: (args: SearchArgs, ctx: SandboxContext) =>
    connection(searchPage<ProductRow>(ctx, 'products', productColumns, args, 'deleted = 0'), (row) =>
      productModel(ctx, row),
    ),
  productsCount: (args: { query?: string | null; limit?: number | null }, ctx: SandboxContext) => {
    const filter = searchToSql(parseSearchQuery(args.query), productColumns);
    const { count } = ctx.db
      .prepare(`SELECT COUNT(*) AS count FROM products WHERE shop_id = ? AND deleted = 0 AND ${filter.where}`)
      .get(ctx.shop.id, ...filter.params) as { count: number };
    const limit = args.limit ?? null;
    return limit !== null && count > limit
      ? { count: limit, precision: 'AT_LEAST' }
      : { count, precision: 'EXACT' };
  },
  // Shopify's schema says "No supported search fields" for `query`, so it is ignored here too.
  productVariantsCount: (args: { limit?: number | null }, ctx: SandboxContext) => {
    const { count } = ctx.db
      .prepare('SELECT COUNT(*) AS count FROM variants WHERE shop_id = ?')
      .get(ctx.shop.id) as { count: number };
    const limit = args.limit ?? null;
    return limit !== null && count > limit
      ? { count: limit, precision: 'AT_LEAST' }
      : { count, precision: 'EXACT' };
  },
  productVariant: (args: { id: string }, ctx: SandboxContext) => {
    const id = parseGid(args.id, 'ProductVariant');
    const row = id === undefined ? undefined : findVariant(ctx, id);
    return row ? variantModel(ctx, row) : null;
  },
  productVariants: (args: SearchArgs, ctx: SandboxContext) =>
    connection(searchPage<VariantRow>(ctx, 'variants', variantColumns, args), (row) =>
      variantModel(ctx, row),
    ),
  inventoryItem: (args: { id: string }, ctx: SandboxContext) => {
    const id = parseGid(args.id, 'InventoryItem');
    const row = id === undefined ? undefined : findVariantByItem(ctx, id);
    return row ? inventoryItemModel(ctx, row) : null;
  },
  inventoryItems: (args: SearchArgs, ctx: SandboxContext) =>
    connection(searchPage<VariantRow>(ctx, 'variants', variantColumns, args), (row) =>
      inventoryItemModel(ctx, row),
    ),
  inventoryLevel: (args: { id: string }, ctx: SandboxContext) =>
    parseLevelGid(args.id) ? nodeById(ctx, args.id) : null,
  node: (args: { id: string }, ctx: SandboxContext) => nodeById(ctx, args.id),
  nodes: (args: { ids: string[] }, ctx: SandboxContext) => args.ids.map((id) => nodeById(ctx, id)),
};
