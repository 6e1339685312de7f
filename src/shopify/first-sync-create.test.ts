import { afterAll, beforeAll, expect, it } from 'vitest';
import { eventually } from '../../tests/support/synced-shop.ts';
import { createTestApp, type TestApp } from '../../tests/support/test-app.ts';
import { describeEachDatabase } from '../../tests/support/test-databases.ts';
import { generateInStoreGtin13 } from '../core/gtin.ts';
import { ensureDefaultLocation } from '../inventory/location.service.ts';
import type { CreatedShop } from '../sandbox/control/shops.service.ts';
import type { RunningSandbox } from '../sandbox/start-sandbox.ts';
import { clientFor, createTestShop, startTestSandbox } from '../sandbox/test-support/sandbox-harness.ts';
import { systemClock } from '../shared/clock.ts';
import { createPosOnlyProductsOnShopify } from './first-sync-create.ts';
import { PRODUCT_SET } from './operations/product-set.ts';
import { createShopifyGraphql, staticToken } from './shopify-graphql.ts';

const VARIANTS_BY_SKU = /* GraphQL */ `
  query VariantsBySku($query: String!, $locationId: ID!) {
    productVariants(first: 10, query: $query) {
      nodes {
        id
        sku
        barcode
        price
        selectedOptions {
          name
          value
        }
        product {
          id
          title
        }
        inventoryItem {
          id
          tracked
          inventoryLevel(locationId: $locationId) {
            quantities(names: ["available"]) {
              quantity
            }
          }
        }
      }
    }
  }
`;

interface ShopifyVariant {
  id: string;
  sku: string;
  barcode: string | null;
  price: string;
  selectedOptions: Array<{ name: string; value: string }>;
  product: { id: string; title: string };
  inventoryItem: {
    id: string;
    tracked: boolean;
    inventoryLevel: { quantities: Array<{ quantity: number }> };
  };
}

describeEachDatabase('first sync: creating the POS-only products on Shopify', (t) => {
  let sandbox: RunningSandbox;
  let shop: CreatedShop;
  let test: TestApp;
  let owner: { cookie: string };
  let locationId: string;
  const barcodes = [1, 2, 3].map((i) => generateInStoreGtin13('21', 5_000 + i));
  const posStock: Record<string, number> = {
    'BELL-1': 7,
    'SCARF-R': 4,
    'SCARF-B': 2,
    'TEA-P': 5,
    'TEA-F': 3,
  };
  const variantIdBySku = new Map<string, string>();

  async function api(method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) {
    return test.app.inject({ method, url, headers: owner, ...(payload ? { payload } : {}) });
  }
  async function shopifyVariants(sku: string): Promise<ShopifyVariant[]> {
    const response = await clientFor(sandbox, shop).request(VARIANTS_BY_SKU, {
      variables: { query: `sku:${sku}`, locationId: shop.locationIds[0] },
    });
    return response.data.productVariants.nodes;
  }
  async function setFaults(knobs: object) {
    const response = await fetch(`${sandbox.url}/sandbox/shops/${shop.domain}/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(knobs),
    });
    expect(response.ok).toBe(true);
  }

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    shop = await createTestShop(sandbox);
    test = await createTestApp(t.db);
    owner = await test.as('owner');
    const location = await ensureDefaultLocation(t.db.kysely, test.deps);
    locationId =
      location?.id ??
      (await t.db.kysely.selectFrom('locations').select('id').orderBy('created_at').executeTakeFirstOrThrow())
        .id;
    for (const payload of [
      {
        name: 'Brass bell',
        taxRateBp: 2000,
        variants: [{ sku: 'BELL-1', barcode: barcodes[0], priceMinor: 1250 }],
      },
      {
        name: 'Wool scarf',
        taxRateBp: 2000,
        optionNames: ['Colour'],
        variants: [
          { optionValues: ['Red'], sku: 'SCARF-R', barcode: barcodes[1], priceMinor: 2000 },
          { optionValues: ['Blue'], sku: 'SCARF-B', priceMinor: 2150 },
        ],
      },
      {
        name: 'Tea set',
        taxRateBp: 2000,
        optionNames: ['Pattern'],
        variants: [
          { optionValues: ['Plain'], sku: 'TEA-P', barcode: barcodes[2], priceMinor: 3000 },
          { optionValues: ['Floral'], sku: 'TEA-F', priceMinor: 3200 },
        ],
      },
    ]) {
      const created = await api('POST', '/api/catalog/products', payload);
      expect(created.statusCode, created.body).toBeLessThan(300);
      for (const v of created.json().variants as Array<{ id: string; sku: string }>)
        variantIdBySku.set(v.sku, v.id);
    }
    const receipt = await api('POST', '/api/stock/receipts', {
      locationId,
      lines: [...variantIdBySku].map(([sku, variantId]) => ({ variantId, quantity: posStock[sku]! })),
    });
    expect(receipt.statusCode).toBeLessThan(300);

    // The tea set's plain pattern is already sold online: it matches; its floral twin stays POS-only.
    const existing = await clientFor(sandbox, shop).request(PRODUCT_SET, {
      variables: {
        input: {
          title: 'Tea set',
          productOptions: [{ name: 'Title', values: [{ name: 'Default Title' }] }],
          variants: [
            {
              optionValues: [{ optionName: 'Title', name: 'Default Title' }],
              sku: 'TEA-P',
              barcode: barcodes[2],
              price: '30.00',
              inventoryItem: { tracked: true },
              inventoryQuantities: [{ locationId: shop.locationIds[0], name: 'available', quantity: 1 }],
            },
          ],
        },
      },
    });
    expect(existing.errors).toBeUndefined();

    for (const [method, url, payload] of [
      [
        'POST',
        '/api/shopify/connect',
        {
          shopDomain: shop.domain,
          accessToken: shop.accessToken,
          apiSecret: shop.apiSecret,
          apiOrigin: sandbox.url,
        },
      ],
      [
        'PUT',
        '/api/shopify/location-map',
        { mappings: [{ locationId, shopifyLocationId: shop.locationIds[0] }] },
      ],
    ] as const) {
      const response = await api(method, url, payload);
      expect(response.statusCode, response.body).toBe(200);
    }
  }, 60_000);
  afterAll(async () => {
    await test?.app.close();
    await sandbox?.close();
  });

  it('creates them once even when Shopify applies a create but the answer is lost, links them, and sets their Shopify stock to the POS figure', async () => {
    const { jobId } = (await api('POST', '/api/shopify/first-sync')).json();
    const preview = await eventually(async () => {
      const state = (await api('GET', '/api/shopify/first-sync')).json();
      if (state.job?.status !== 'ready') throw new Error(`first sync is ${state.job?.status}`);
      return state.preview;
    });
    expect(preview.counts).toMatchObject({ matched: 1, posOnly: 4, shopifyOnly: 0 });

    // Every mutation is applied and then answered with a gateway timeout: the run stops mid-way.
    await setFaults({ timeoutAfterApplyRate: 1 });
    const interrupted = await api('POST', '/api/shopify/first-sync/confirm', { jobId, createPosOnly: true });
    expect(interrupted.statusCode).toBeGreaterThanOrEqual(500);
    const createdBeforeTheCrash = [
      ...(await shopifyVariants('BELL-1')),
      ...(await shopifyVariants('SCARF-R')),
    ];
    expect(createdBeforeTheCrash.length).toBeGreaterThan(0);
    await setFaults({ timeoutAfterApplyRate: 0 });
    // The page sees an interrupted confirm it can run again.
    const stopped = (await api('GET', '/api/shopify/first-sync')).json();
    expect(stopped.job).toMatchObject({ status: 'applying', creating: null });
    expect(stopped.preview.counts.posOnly).toBeGreaterThan(0);

    const resumed = await api('POST', '/api/shopify/first-sync/confirm', { jobId, createPosOnly: true });
    expect(resumed.statusCode, resumed.body).toBe(200);
    const result = resumed.json();
    expect(result.createdOnShopify).toBe(3);
    expect(result.notCreated).toEqual([
      { product: 'Tea set', reason: expect.stringMatching(/already on Shopify or in a conflict/) },
    ]);

    const expected = [
      { sku: 'BELL-1', barcode: barcodes[0], price: '12.50', title: 'Brass bell', option: 'Default Title' },
      { sku: 'SCARF-R', barcode: barcodes[1], price: '20.00', title: 'Wool scarf', option: 'Red' },
      { sku: 'SCARF-B', barcode: null, price: '21.50', title: 'Wool scarf', option: 'Blue' },
    ];
    const links = await t.db.kysely.selectFrom('shopify_variant_links').selectAll().execute();
    for (const want of expected) {
      const variants = await shopifyVariants(want.sku);
      expect(variants, `${want.sku} exists once on Shopify`).toHaveLength(1);
      const [variant] = variants as [ShopifyVariant];
      expect(variant).toMatchObject({
        barcode: want.barcode,
        product: { title: want.title },
        inventoryItem: { tracked: true },
      });
      expect(Number(variant.price)).toBe(Number(want.price));
      expect(variant.selectedOptions.map((o) => o.value)).toEqual([want.option]);
      expect(links.find((l) => l.variant_id === variantIdBySku.get(want.sku))).toMatchObject({
        shopify_variant_id: variant.id,
        shopify_inventory_item_id: variant.inventoryItem.id,
        shopify_product_id: variant.product.id,
      });
      expect(variant.inventoryItem.inventoryLevel.quantities[0]!.quantity).toBe(posStock[want.sku]);
    }
    const [red] = (await shopifyVariants('SCARF-R')) as [ShopifyVariant];
    const [blue] = (await shopifyVariants('SCARF-B')) as [ShopifyVariant];
    expect(red.product.id).toBe(blue.product.id);
    expect(await shopifyVariants('TEA-F')).toEqual([]);
    // The matched variant is linked and set to the POS figure as before.
    expect((await shopifyVariants('TEA-P'))[0]!.inventoryItem.inventoryLevel.quantities[0]!.quantity).toBe(5);
    const points = await t.db.kysely
      .selectFrom('shopify_sync_points')
      .select('variant_id')
      .where(
        'variant_id',
        'in',
        ['BELL-1', 'SCARF-R', 'SCARF-B'].map((sku) => variantIdBySku.get(sku)!),
      )
      .execute();
    expect(points).toHaveLength(3);
  });

  it('creates nothing more when run again for products already created', async () => {
    const connection = await t.db.kysely
      .selectFrom('shopify_connection')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(connection.integration_started_at).not.toBeNull();
    const shopify = createShopifyGraphql({
      shopDomain: shop.domain,
      tokens: staticToken(shop.accessToken),
      apiOrigin: sandbox.url,
    });
    const again = await createPosOnlyProductsOnShopify(
      t.db.kysely,
      { clock: systemClock },
      shopify,
      [shop.locationIds[0]!],
      ['BELL-1', 'SCARF-R', 'SCARF-B'].map((sku) => variantIdBySku.get(sku)!),
    );
    expect(again).toEqual({ created: 0, products: 0, skipped: [] });
    for (const sku of ['BELL-1', 'SCARF-R', 'SCARF-B']) expect(await shopifyVariants(sku)).toHaveLength(1);
    const confirmAgain = await api('POST', '/api/shopify/first-sync/confirm', {
      jobId: (await api('GET', '/api/shopify/first-sync')).json().job.id,
      createPosOnly: true,
    });
    expect(confirmAgain.statusCode).toBe(409);
  });
});
