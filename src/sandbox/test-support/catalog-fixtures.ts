import { expect } from 'vitest';
import { INVENTORY_ITEM_LEVELS } from '../../shopify/operations/inventory-item-levels.ts';
import { PRODUCT_SET } from '../../shopify/operations/product-set.ts';
import type { CreatedShop } from '../control/shops.service.ts';
import type { RunningSandbox } from '../start-sandbox.ts';
import { clientFor } from './sandbox-harness.ts';

/** A tracked one-variant product with `available` units at the shop's first location. */
export async function createStockedProduct(
  sandbox: RunningSandbox,
  shop: CreatedShop,
  sku: string,
  available: number,
) {
  const { data, errors } = await clientFor(sandbox, shop).request(PRODUCT_SET, {
    variables: {
      input: {
        title: `Product ${sku}`,
        variants: [
          {
            optionValues: [{ optionName: 'Title', name: 'Default Title' }],
            sku,
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

export async function quantitiesAt(
  sandbox: RunningSandbox,
  shop: CreatedShop,
  itemId: string,
  locationId = shop.locationIds[0],
) {
  const { data } = await clientFor(sandbox, shop).request(INVENTORY_ITEM_LEVELS, {
    variables: { inventoryItemId: itemId, locationId },
  });
  const rows = (data.inventoryItem.inventoryLevel?.quantities ?? []) as Array<{
    name: string;
    quantity: number;
  }>;
  return Object.fromEntries(rows.map((q) => [q.name, q.quantity])) as Record<string, number>;
}
