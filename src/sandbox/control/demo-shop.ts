import { PRODUCT_SET } from '../../shopify/operations/product-set.ts';
import type { SandboxRuntime } from '../sandbox-runtime.ts';
import { runInternal } from './internal-admin.ts';
import { ean13 } from './seed-catalog.ts';
import { type CreatedShop, createShop, findShopByDomain } from './shops.service.ts';
import type { Storefronts } from './storefront.ts';

const demoProducts: Array<{ title: string; price: string; sizes?: string[] }> = [
  { title: 'Linen tea towel', price: '8.50' },
  { title: 'Stoneware mug', price: '14.00' },
  { title: 'Beeswax candle', price: '11.00' },
  { title: 'Wool beanie', price: '22.00', sizes: ['S/M', 'L/XL'] },
  { title: 'Canvas tote', price: '16.00' },
  { title: 'Enamel pin', price: '6.00' },
  { title: 'Cotton apron', price: '28.00', sizes: ['Regular', 'Long'] },
  { title: 'Notebook A5', price: '9.50' },
];

/**
 * The demo `npm start` shows when no real store is configured: a Standard shop with a small catalogue
 * (valid EAN-13 barcodes, a few units each, created through productSet) and a storefront placing an
 * occasional order. Answers the shop's credentials for the POS to connect with.
 */
export async function createDemoShop(
  runtime: SandboxRuntime,
  storefronts: Storefronts,
  options: { ordersPerMinute?: number } = {},
): Promise<CreatedShop> {
  const created = createShop(runtime.db, runtime.clock, { plan: 'standard', name: 'Demo corner shop' });
  const shop = findShopByDomain(runtime.db, created.domain);
  if (!shop) throw new Error('demo shop vanished');
  let sequence = 0;
  for (const product of demoProducts) {
    const sizes = product.sizes ?? ['Default Title'];
    await runInternal(runtime, shop, PRODUCT_SET, {
      input: {
        title: product.title,
        variants: sizes.map((size) => {
          sequence++;
          return {
            optionValues: [{ optionName: product.sizes ? 'Size' : 'Title', name: size }],
            sku: `DEMO-${String(sequence).padStart(3, '0')}`,
            barcode: ean13(
              `50${String(shop.id % 100000).padStart(5, '0')}${String(sequence).padStart(5, '0')}`,
            ),
            price: product.price,
            inventoryItem: { tracked: true },
            inventoryQuantities: [
              { locationId: created.locationIds[0], name: 'available', quantity: 3 + (sequence % 5) },
            ],
          };
        }),
      },
    });
  }
  storefronts.start(shop, {
    ordersPerMinute: options.ordersPerMinute ?? 0.5,
    oversell: false,
    maxQuantity: 1,
  });
  return created;
}
