import type { GraphQLResolveInfo } from 'graphql';
import { writeProduct } from '../catalog/catalog-writer.ts';
import type { SandboxContext } from '../context.ts';
import { parseGid } from '../gid.ts';
import { recordAdjustmentGroup } from '../inventory/adjustment-group.ts';
import { IDEMPOTENCY_MISMATCH, idempotencyKey, runIdempotent } from '../inventory/idempotency.ts';
import { MAX_QUANTITY } from '../inventory/inventory-rules.ts';
import { activateLevel, addQuantity, findLevel } from '../inventory/levels.repository.ts';
import { levelModel } from '../models/level-model.ts';
import { findLocation } from '../models/location-model.ts';
import { findProduct, findVariantByItem, productModel } from '../models/product-model.ts';
import { nowText } from '../shopify-time.ts';
import type { LevelRow, ProductRow } from '../store/rows.ts';
import { sql } from '../store/statements.ts';
import { productWebhookPayload } from '../webhooks/payloads.ts';
import { catalogQueries } from './catalog-queries.ts';

interface ProductSetArgs {
  input: {
    title?: string | null;
    handle?: string | null;
    status?: string | null;
    vendor?: string | null;
    productType?: string | null;
    tags?: string[] | null;
    variants?: Array<{
      id?: string | null;
      optionValues: Array<{ name?: string | null; optionName?: string | null }>;
      price?: string | null;
      compareAtPrice?: string | null;
      sku?: string | null;
      barcode?: string | null;
      taxable?: boolean | null;
      inventoryPolicy?: string | null;
      inventoryItem?: { tracked?: boolean | null; requiresShipping?: boolean | null } | null;
      inventoryQuantities?: Array<{ locationId: string; name: string; quantity: number }> | null;
    }> | null;
  };
  identifier?: { id?: string | null; handle?: string | null } | null;
}

function productSet(args: ProductSetArgs, ctx: SandboxContext) {
  const { input, identifier } = args;
  // An upsert by handle names the handle twice: the schema's ProductSetUserErrorCode says the input
  // field matching the identifier is required (MISSING_FIELD_REQUIRED) and must agree (INPUT_MISMATCH).
  if (identifier?.handle && input.handle !== identifier.handle) {
    return {
      product: null,
      userErrors: [
        input.handle
          ? {
              field: ['input', 'handle'],
              message:
                'The identifier value does not match the value of the corresponding field in the input.',
              code: 'INPUT_MISMATCH',
            }
          : {
              field: ['input', 'handle'],
              message: 'The input field corresponding to the identifier is required.',
              code: 'MISSING_FIELD_REQUIRED',
            },
      ],
    };
  }
  const existingId = identifier?.id ? parseGid(identifier.id, 'Product') : undefined;
  const existing =
    existingId !== undefined
      ? findProduct(ctx, existingId)
      : identifier?.handle
        ? (sql(ctx.db, 'SELECT * FROM products WHERE shop_id = ? AND handle = ? AND deleted = 0').get(
            ctx.shop.id,
            identifier.handle,
          ) as ProductRow | undefined)
        : undefined;
  if (identifier?.id && !existing) {
    return {
      product: null,
      userErrors: [
        { field: ['input', 'id'], message: 'Product does not exist', code: 'PRODUCT_DOES_NOT_EXIST' },
      ],
    };
  }
  if (!existing && !input.title?.trim()) {
    return {
      product: null,
      userErrors: [{ field: ['input', 'title'], message: "Title can't be blank", code: 'INVALID' }],
    };
  }
  const errors: Array<{ field: string[]; message: string; code: string }> = [];
  const variants = (input.variants ?? [{ optionValues: [] }]).map((variant, index) => ({
    id: variant.id ? parseGid(variant.id, 'ProductVariant') : undefined,
    options: variant.optionValues.map((o) => ({ name: o.optionName ?? 'Title', value: o.name ?? '' })),
    price: variant.price,
    compareAtPrice: variant.compareAtPrice,
    sku: variant.sku,
    barcode: variant.barcode,
    taxable: variant.taxable,
    inventoryPolicy: variant.inventoryPolicy,
    tracked: variant.inventoryItem?.tracked,
    requiresShipping: variant.inventoryItem?.requiresShipping,
    quantities: (variant.inventoryQuantities ?? []).map((q, qIndex) => {
      const locationId = parseGid(q.locationId, 'Location');
      if (locationId === undefined || !findLocation(ctx, locationId)) {
        errors.push({
          field: ['input', 'variants', String(index), 'inventoryQuantities', String(qIndex), 'locationId'],
          message: 'Location does not exist',
          code: 'INVALID_INPUT',
        });
      }
      return { locationId: locationId ?? 0, name: q.name, quantity: q.quantity };
    }),
  }));
  if (errors.length) return { product: null, userErrors: errors };
  const productId = ctx.db.transaction(() =>
    writeProduct(
      ctx,
      {
        title: input.title ?? existing?.title ?? '',
        handle: input.handle,
        status: input.status,
        vendor: input.vendor,
        productType: input.productType,
        tags: input.tags,
        variants,
      },
      existing,
    ),
  )();
  const row = findProduct(ctx, productId) as ProductRow;
  ctx.events.push({
    topic: existing ? 'products/update' : 'products/create',
    payload: productWebhookPayload(ctx, row),
  });
  return { product: productModel(ctx, row), userErrors: [] };
}

interface ActivateArgs {
  inventoryItemId: string;
  locationId: string;
  available?: number | null;
  onHand?: number | null;
}

/** inventoryActivate: plain UserErrors (NOTES §4); a new level may be seeded with available or onHand. */
function activate(
  ctx: SandboxContext,
  args: ActivateArgs,
): { levelId: number | null; userErrors: Array<{ field: string[] | null; message: string }> } {
  const itemId = parseGid(args.inventoryItemId, 'InventoryItem');
  const variant = itemId === undefined ? undefined : findVariantByItem(ctx, itemId);
  const locationId = parseGid(args.locationId, 'Location');
  const location = locationId === undefined ? undefined : findLocation(ctx, locationId);
  if (!variant)
    return {
      levelId: null,
      userErrors: [
        {
          field: ['inventoryItemId'],
          message: "The product couldn't be stocked because the product was deleted.",
        },
      ],
    };
  if (!location)
    return {
      levelId: null,
      userErrors: [
        {
          field: ['locationId'],
          message: "The product couldn't be stocked because the location was deleted.",
        },
      ],
    };
  const hasAvailable = args.available !== undefined && args.available !== null;
  const hasOnHand = args.onHand !== undefined && args.onHand !== null;
  if (hasAvailable && hasOnHand) {
    const message = `The product couldn't be stocked at ${location.name} because not allowed to set available and on_hand quantities at the same time.`;
    return {
      levelId: null,
      userErrors: [
        { field: ['available'], message },
        { field: ['onHand'], message },
      ],
    };
  }
  const existing = findLevel(ctx.db, variant.inventory_item_id, location.id);
  if (existing?.active && hasAvailable) {
    return {
      levelId: null,
      userErrors: [
        {
          field: ['available'],
          message: 'Not allowed to set available quantity when the item is already active at the location.',
        },
      ],
    };
  }
  if (existing?.active && hasOnHand) {
    return {
      levelId: null,
      userErrors: [
        {
          field: ['onHand'],
          message: 'Not allowed to set an on_hand quantity when the item is already active at the location.',
        },
      ],
    };
  }
  const quantity = (hasAvailable ? args.available : args.onHand) ?? 0;
  if (Math.abs(quantity) > MAX_QUANTITY) {
    const message = `The product couldn't be stocked at ${location.name} because the quantity needs to be between -1 billion and 1 billion.`;
    return { levelId: null, userErrors: [{ field: [hasAvailable ? 'available' : 'onHand'], message }] };
  }
  const now = nowText(ctx.clock);
  const level = activateLevel(ctx.db, ctx.shop.id, variant.inventory_item_id, location.id, now);
  if (quantity !== 0) {
    addQuantity(ctx.db, level.id, 'available', quantity, now);
    recordAdjustmentGroup(ctx, 'correction', null, [
      {
        name: 'available',
        delta: quantity,
        itemId: level.item_id,
        locationId: level.location_id,
        ledgerDocumentUri: null,
      },
      {
        name: 'on_hand',
        delta: quantity,
        itemId: level.item_id,
        locationId: level.location_id,
        ledgerDocumentUri: null,
      },
    ]);
  }
  return { levelId: level.id, userErrors: [] };
}

/** productDelete: the product and its variants go; products/delete carries only the id (REST shape). */
function productDelete(args: { input: { id: string } }, ctx: SandboxContext) {
  const id = parseGid(args.input.id, 'Product');
  const row = id === undefined ? undefined : findProduct(ctx, id);
  if (!row)
    return {
      deletedProductId: null,
      shop: null,
      userErrors: [{ field: ['id'], message: 'Product does not exist' }],
    };
  ctx.db.transaction(() => {
    sql(ctx.db, 'UPDATE products SET deleted = 1, updated_at = ? WHERE id = ?').run(
      nowText(ctx.clock),
      row.id,
    );
    sql(
      ctx.db,
      'DELETE FROM quantities WHERE level_id IN (SELECT l.id FROM levels l JOIN variants v ON v.inventory_item_id = l.item_id WHERE v.product_id = ?)',
    ).run(row.id);
    sql(
      ctx.db,
      'DELETE FROM levels WHERE item_id IN (SELECT inventory_item_id FROM variants WHERE product_id = ?)',
    ).run(row.id);
    sql(ctx.db, 'DELETE FROM variants WHERE product_id = ?').run(row.id);
  })();
  ctx.events.push({ topic: 'products/delete', payload: { id: row.id } });
  return { deletedProductId: args.input.id, shop: catalogQueries.shop(undefined, ctx), userErrors: [] };
}

export const productMutations = {
  productDelete: (args: { input: { id: string } }, ctx: SandboxContext) => productDelete(args, ctx),
  productSet: (args: ProductSetArgs, ctx: SandboxContext) => productSet(args, ctx),
  inventoryActivate: (args: ActivateArgs, ctx: SandboxContext, info: GraphQLResolveInfo) => {
    const key = idempotencyKey(info);
    const result = runIdempotent(ctx, key, 'inventoryActivate', args, () => activate(ctx, args));
    if (result.kind === 'mismatch')
      return { inventoryLevel: null, userErrors: [{ field: null, message: IDEMPOTENCY_MISMATCH.message }] };
    const level =
      result.outcome.levelId === null
        ? undefined
        : (sql(ctx.db, 'SELECT * FROM levels WHERE id = ?').get(result.outcome.levelId) as LevelRow);
    return { inventoryLevel: level ? levelModel(ctx, level) : null, userErrors: result.outcome.userErrors };
  },
};
