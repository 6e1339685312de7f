import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INVENTORY_ADJUST } from '../shopify/operations/inventory-adjust.ts';
import { INVENTORY_ITEM_LEVELS } from '../shopify/operations/inventory-item-levels.ts';
import { INVENTORY_SET } from '../shopify/operations/inventory-set.ts';
import { PRODUCT_SET } from '../shopify/operations/product-set.ts';
import { PRODUCT_SET_BY_HANDLE } from '../shopify/operations/product-set-by-handle.ts';
import { PRODUCT_VARIANTS_SEARCH } from '../shopify/operations/product-variants-search.ts';
import { SHOP_AND_LOCATIONS } from '../shopify/operations/shop-and-locations.ts';
import type { CreatedShop } from './control/shops.service.ts';
import type { RunningSandbox } from './start-sandbox.ts';
import { clientFor, createTestShop, rawGraphql, startTestSandbox } from './test-support/sandbox-harness.ts';

let sandbox: RunningSandbox;
let shop: CreatedShop;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  shop = await createTestShop(sandbox);
});
afterAll(async () => sandbox.close());

async function createProduct(sku: string, barcode: string, available: number) {
  const client = clientFor(sandbox, shop);
  const { data, errors } = await client.request(PRODUCT_SET, {
    variables: {
      input: {
        title: `Mug ${sku}`,
        productOptions: [{ name: 'Title', values: [{ name: 'Default Title' }] }],
        variants: [
          {
            optionValues: [{ optionName: 'Title', name: 'Default Title' }],
            sku,
            barcode,
            price: '12.50',
            inventoryItem: { tracked: true },
            inventoryQuantities: [
              { locationId: shop.locationIds[0], name: 'available', quantity: available },
            ],
          },
        ],
      },
    },
  });
  expect(errors).toBeUndefined();
  const variant = data.productSet.product.variants.nodes[0];
  return { variantId: variant.id as string, itemId: variant.inventoryItem.id as string };
}

async function levels(itemId: string, locationId = shop.locationIds[0]) {
  const { data } = await clientFor(sandbox, shop).request(INVENTORY_ITEM_LEVELS, {
    variables: { inventoryItemId: itemId, locationId },
  });
  const rows = data.inventoryItem.inventoryLevel.quantities as Array<{ name: string; quantity: number }>;
  return Object.fromEntries(rows.map((q) => [q.name, q.quantity]));
}

describe('the Admin API through @shopify/admin-api-client', () => {
  it('answers shop and locations with a cost block on every response', async () => {
    const response = await clientFor(sandbox, shop).request(SHOP_AND_LOCATIONS, { variables: { first: 10 } });
    expect(response.data.shop.myshopifyDomain).toBe(shop.domain);
    expect(response.data.locations.nodes.map((l: { id: string }) => l.id)).toEqual(shop.locationIds);
    expect(response.extensions?.cost?.throttleStatus).toMatchObject({
      maximumAvailable: 2000,
      restoreRate: 100,
    });
  });

  it('refuses a request without a token, or with an unknown one, with 401 and Shopify error body', async () => {
    const missing = await rawGraphql(sandbox, undefined, '{ shop { id } }');
    expect(missing.status).toBe(401);
    expect(missing.body.errors).toBe(
      '[API] Invalid API key or access token (unrecognized login or wrong password)',
    );
    expect((await rawGraphql(sandbox, 'shpat_nope', '{ shop { id } }')).status).toBe(401);
  });

  it('creates a product with productSet and finds its variant by sku and by barcode', async () => {
    const { variantId } = await createProduct('MUG-1', '5012345678900', 5);
    const client = clientFor(sandbox, shop);
    const bySku = await client.request(PRODUCT_VARIANTS_SEARCH, {
      variables: { first: 5, query: 'sku:MUG-1' },
    });
    expect(bySku.data.productVariants.nodes.map((v: { id: string }) => v.id)).toEqual([variantId]);
    const byBarcode = await client.request(PRODUCT_VARIANTS_SEARCH, {
      variables: { first: 5, query: 'barcode:5012345678900' },
    });
    expect(byBarcode.data.productVariants.nodes).toHaveLength(1);
    const none = await client.request(PRODUCT_VARIANTS_SEARCH, {
      variables: { first: 5, query: 'barcode:0000' },
    });
    expect(none.data.productVariants.nodes).toEqual([]);
    expect(none.data.productVariants.pageInfo).toEqual({ hasNextPage: false, endCursor: null });
  });

  it('upserts by handle: a repeated productSet updates the product it created, and the handle must be in the input', async () => {
    const client = clientFor(sandbox, shop);
    const input = {
      title: 'Upserted mug',
      handle: 'upserted-mug-prd-1',
      productOptions: [{ name: 'Title', values: [{ name: 'Default Title' }] }],
      variants: [
        { optionValues: [{ optionName: 'Title', name: 'Default Title' }], sku: 'UPS-1', price: '3.00' },
      ],
    };
    const identifier = { handle: input.handle };
    const first = await client.request(PRODUCT_SET_BY_HANDLE, { variables: { identifier, input } });
    const again = await client.request(PRODUCT_SET_BY_HANDLE, {
      variables: { identifier, input: { ...input, title: 'Upserted mug, renamed' } },
    });
    expect(again.data.productSet.product.id).toBe(first.data.productSet.product.id);
    expect(again.data.productSet.product.handle).toBe(input.handle);
    const bySku = await client.request(PRODUCT_VARIANTS_SEARCH, {
      variables: { first: 5, query: 'sku:UPS-1' },
    });
    expect(bySku.data.productVariants.nodes).toHaveLength(1);

    const missing = await client.request(PRODUCT_SET_BY_HANDLE, {
      variables: { identifier, input: { ...input, handle: undefined } },
    });
    expect(missing.data.productSet.userErrors[0].code).toBe('MISSING_FIELD_REQUIRED');
    const mismatch = await client.request(PRODUCT_SET_BY_HANDLE, {
      variables: { identifier, input: { ...input, handle: 'another-handle' } },
    });
    expect(mismatch.data.productSet.userErrors[0].code).toBe('INPUT_MISMATCH');
  });

  it('applies an adjust once when it is retried with the same idempotency key', async () => {
    const { itemId } = await createProduct('MUG-2', '5012345678917', 10);
    const client = clientFor(sandbox, shop);
    const variables = {
      idempotencyKey: 'push-1',
      input: {
        name: 'available',
        reason: 'correction',
        referenceDocumentUri: 'tillsync://movement/1',
        changes: [
          { inventoryItemId: itemId, locationId: shop.locationIds[0], delta: -3, changeFromQuantity: null },
        ],
      },
    };
    const first = await client.request(INVENTORY_ADJUST, { variables });
    const retry = await client.request(INVENTORY_ADJUST, { variables });
    expect(first.data.inventoryAdjustQuantities.userErrors).toEqual([]);
    expect(retry.data.inventoryAdjustQuantities.inventoryAdjustmentGroup.id).toBe(
      first.data.inventoryAdjustQuantities.inventoryAdjustmentGroup.id,
    );
    expect(
      first.data.inventoryAdjustQuantities.inventoryAdjustmentGroup.changes.map(
        (c: { name: string; delta: number }) => [c.name, c.delta],
      ),
    ).toEqual([
      ['available', -3],
      ['on_hand', -3],
    ]);
    expect(await levels(itemId)).toMatchObject({ available: 7, on_hand: 7, committed: 0 });
    const reused = await client.request(INVENTORY_ADJUST, {
      variables: {
        ...variables,
        input: { ...variables.input, changes: [{ ...variables.input.changes[0], delta: -1 }] },
      },
    });
    expect(reused.data.inventoryAdjustQuantities).toEqual({
      inventoryAdjustmentGroup: null,
      userErrors: [
        {
          field: null,
          message: 'The same idempotency key cannot be used with different operation parameters.',
          code: 'IDEMPOTENCY_KEY_PARAMETER_MISMATCH',
        },
      ],
    });
    expect((await levels(itemId)).available).toBe(7);
  });

  it('refuses a set whose changeFromQuantity is stale and changes nothing', async () => {
    const { itemId } = await createProduct('MUG-3', '5012345678924', 4);
    const client = clientFor(sandbox, shop);
    const set = (quantity: number, changeFromQuantity: number | null, key: string) =>
      client.request(INVENTORY_SET, {
        variables: {
          idempotencyKey: key,
          input: {
            name: 'available',
            reason: 'correction',
            quantities: [
              { inventoryItemId: itemId, locationId: shop.locationIds[0], quantity, changeFromQuantity },
            ],
          },
        },
      });
    const stale = await set(9, 3, 'set-stale');
    expect(stale.data.inventorySetQuantities.inventoryAdjustmentGroup).toBeNull();
    expect(stale.data.inventorySetQuantities.userErrors).toEqual([
      {
        field: ['input', 'quantities', '0', 'changeFromQuantity'],
        message: expect.any(String),
        code: 'CHANGE_FROM_QUANTITY_STALE',
      },
    ]);
    expect((await levels(itemId)).available).toBe(4);
    const fresh = await set(9, 4, 'set-fresh');
    expect(fresh.data.inventorySetQuantities.userErrors).toEqual([]);
    expect(await levels(itemId)).toMatchObject({ available: 9, on_hand: 9 });
  });

  it('refuses an input array above 250 items before running it, still charging the requested cost', async () => {
    const { itemId } = await createProduct('MUG-9', '5012345678986', 4);
    const row = {
      inventoryItemId: itemId,
      locationId: shop.locationIds[0],
      quantity: 5,
      changeFromQuantity: 4,
    };
    const send = (rows: number, key: string) =>
      rawGraphql(sandbox, shop.accessToken, INVENTORY_SET, {
        idempotencyKey: key,
        input: {
          name: 'available',
          reason: 'correction',
          quantities: Array.from({ length: rows }, () => row),
        },
      });
    const tooMany = await send(251, 'set-251');
    expect(tooMany.body.data).toBeUndefined();
    expect(tooMany.body.errors).toEqual([
      {
        message: 'The input array size of 251 is greater than the maximum allowed of 250.',
        locations: [{ line: 3, column: 5 }],
        path: ['inventorySetQuantities', 'input', 'quantities'],
        extensions: { code: 'MAX_INPUT_SIZE_EXCEEDED' },
      },
    ]);
    const cost = tooMany.body.extensions.cost;
    expect(cost.actualQueryCost).toBeNull();
    expect(cost.throttleStatus.currentlyAvailable).toBeLessThanOrEqual(
      cost.throttleStatus.maximumAvailable - cost.requestedQueryCost,
    );
    expect((await levels(itemId)).available).toBe(4);
    // 250 is allowed: it runs (here Shopify refuses the duplicate rows, one error each).
    const atLimit = await send(250, 'set-250');
    expect(atLimit.body.errors).toBeUndefined();
    expect(atLimit.body.data.inventorySetQuantities.userErrors.length).toBeGreaterThan(0);
  });

  it('requires @idempotent and changeFromQuantity on inventory mutations, in that order', async () => {
    const withoutDirective = `mutation($input: InventoryAdjustQuantitiesInput!) {
      inventoryAdjustQuantities(input: $input) { userErrors { code } } }`;
    const input = {
      name: 'available',
      reason: 'correction',
      changes: [
        { inventoryItemId: 'gid://shopify/InventoryItem/1', locationId: shop.locationIds[0], delta: 1 },
      ],
    };
    const missingKey = await rawGraphql(sandbox, shop.accessToken, withoutDirective, { input });
    expect(missingKey.body.errors[0].extensions.code).toBe('INVALID_FIELD_ARGUMENTS');
    expect(missingKey.body.data).toEqual({ inventoryAdjustQuantities: null });
    const missingDirective = await rawGraphql(sandbox, shop.accessToken, withoutDirective, {
      input: { ...input, changes: [{ ...input.changes[0], changeFromQuantity: null }] },
    });
    expect(missingDirective.body.errors[0]).toMatchObject({
      message: 'The @idempotent directive is required for this mutation but was not provided.',
      extensions: { code: 'BAD_REQUEST' },
      path: ['inventoryAdjustQuantities'],
    });
  });

  it('fails an unknown field as Shopify does, with no data and no cost', async () => {
    const response = await rawGraphql(sandbox, shop.accessToken, '{ shop { id totallyMadeUp } }');
    expect(response.body).toEqual({
      errors: [
        {
          message: "Field 'totallyMadeUp' doesn't exist on type 'Shop'",
          locations: [{ line: 1, column: 13 }],
          path: ['query', 'shop', 'totallyMadeUp'],
          extensions: { code: 'undefinedField', typeName: 'Shop', fieldName: 'totallyMadeUp' },
        },
      ],
    });
  });
});
