import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  eventually,
  POS_START_STOCK,
  type SyncedShop,
  startSyncedShop,
} from '../../tests/support/synced-shop.ts';
import { describeEachDatabase } from '../../tests/support/test-databases.ts';

describeEachDatabase('the sync page API: location map and safety buffers', (t) => {
  let s: SyncedShop;
  let manager: { cookie: string };
  let cashier: { cookie: string };

  beforeAll(async () => {
    s = await startSyncedShop(t.db);
    manager = await s.test.as('manager');
    cashier = await s.test.as('cashier');
  }, 120_000);
  afterAll(async () => s?.close());

  const call = (headers: { cookie: string }, method: 'GET' | 'PUT' | 'POST', url: string, payload?: object) =>
    s.test.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  const productOf = async (variantId: string) =>
    (
      await t.db.kysely
        .selectFrom('product_variants')
        .select('product_id')
        .where('id', '=', variantId)
        .executeTakeFirstOrThrow()
    ).product_id;

  it('lets a manager set the default and a product buffer, and Shopify shows that many fewer', async () => {
    const [plain, own] = [s.items[0]!, s.items[1]!];
    await eventually(async () => expect(await s.shopifyAvailable(plain)).toBe(POS_START_STOCK));

    expect((await call(manager, 'PUT', '/api/shopify/settings', { defaultBuffer: 2 })).statusCode).toBe(200);
    const ownProduct = await productOf(own.variantId);
    const set = await call(manager, 'PUT', `/api/shopify/buffers/${ownProduct}`, { buffer: 4 });
    expect(set.statusCode, set.body).toBe(200);

    const status = (await call(manager, 'GET', '/api/shopify/status')).json();
    expect(status.defaultBuffer).toBe(2);
    expect((await call(manager, 'GET', '/api/shopify/buffers')).json()).toEqual([
      { productId: ownProduct, productName: 'Sync item 2', buffer: 4 },
    ]);
    await eventually(async () => {
      expect(await s.shopifyAvailable(plain)).toBe(POS_START_STOCK - 2);
      expect(await s.shopifyAvailable(own)).toBe(POS_START_STOCK - 4);
    });

    expect(
      (await call(manager, 'PUT', `/api/shopify/buffers/${ownProduct}`, { buffer: null })).statusCode,
    ).toBe(200);
    expect((await call(manager, 'PUT', '/api/shopify/settings', { defaultBuffer: 0 })).statusCode).toBe(200);
    expect((await call(manager, 'GET', '/api/shopify/buffers')).json()).toEqual([]);
    await eventually(async () => expect(await s.shopifyAvailable(own)).toBe(POS_START_STOCK));
  });

  it('refuses a cashier, a manager changing the edit policy, and bad figures, naming the field', async () => {
    expect((await call(cashier, 'PUT', '/api/shopify/settings', { defaultBuffer: 1 })).statusCode).toBe(403);
    expect((await call(cashier, 'GET', '/api/shopify/buffers')).statusCode).toBe(403);
    expect((await call(manager, 'PUT', '/api/shopify/settings', { editPolicy: 'accept' })).statusCode).toBe(
      403,
    );
    const negative = await call(manager, 'PUT', '/api/shopify/settings', { defaultBuffer: -1 });
    expect(negative.statusCode).toBe(400);
    expect(negative.json().error.field).toBe('defaultBuffer');
    const fraction = await call(
      manager,
      'PUT',
      `/api/shopify/buffers/${await productOf(s.items[0]!.variantId)}`,
      {
        buffer: 1.5,
      },
    );
    expect(fraction.statusCode).toBe(400);
    expect(fraction.json().error.field).toBe('buffer');
    expect((await call(manager, 'PUT', '/api/shopify/buffers/prd_nope', { buffer: 1 })).statusCode).toBe(404);
  });

  it('maps a second till location to the Warehouse: its stock appears there; unmapping stops its sync', async () => {
    const warehouse = s.shop.locationIds[1]!;
    const item = s.items[2]!;
    const created = await call(s.owner, 'POST', '/api/locations', { name: 'Back room' });
    expect(created.statusCode, created.body).toBeLessThan(300);
    const backRoom = created.json().id as string;
    const receipt = await call(s.owner, 'POST', '/api/stock/receipts', {
      locationId: backRoom,
      lines: [{ variantId: item.variantId, quantity: 6 }],
    });
    expect(receipt.statusCode, receipt.body).toBeLessThan(300);

    const both = [
      { locationId: s.locationId, shopifyLocationId: s.shopifyLocationId },
      { locationId: backRoom, shopifyLocationId: warehouse },
    ];
    expect((await call(manager, 'PUT', '/api/shopify/location-map', { mappings: both })).statusCode).toBe(
      403,
    );
    const unknown = await call(s.owner, 'PUT', '/api/shopify/location-map', {
      mappings: [{ locationId: backRoom, shopifyLocationId: 'gid://shopify/Location/999999' }],
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.field).toBe('mappings.shopifyLocationId');

    const mapped = await call(s.owner, 'PUT', '/api/shopify/location-map', { mappings: both });
    expect(mapped.statusCode, mapped.body).toBe(200);
    expect(mapped.json().pointsStarted).toBe(s.items.length);
    const levelAt = async (locationId: string) => {
      const data = (await s.admin(
        /* GraphQL */ `query At($id: ID!, $locationId: ID!) {
          inventoryItem(id: $id) { inventoryLevel(locationId: $locationId) { quantities(names: ["available"]) { quantity } } }
        }`,
        { id: item.inventoryItemId, locationId },
      )) as { inventoryItem: { inventoryLevel: { quantities: Array<{ quantity: number }> } | null } };
      return data.inventoryItem.inventoryLevel?.quantities[0]?.quantity;
    };
    await eventually(async () => expect(await levelAt(warehouse)).toBe(6));
    expect(await s.shopifyAvailable(item)).toBe(POS_START_STOCK);

    const only = [{ locationId: s.locationId, shopifyLocationId: s.shopifyLocationId }];
    expect((await call(s.owner, 'PUT', '/api/shopify/location-map', { mappings: only })).statusCode).toBe(
      200,
    );
    const left = await t.db.kysely
      .selectFrom('shopify_sync_points')
      .select('variant_id')
      .where('location_id', '=', backRoom)
      .execute();
    expect(left).toEqual([]);
    const status = (await call(manager, 'GET', '/api/shopify/status')).json();
    expect(status.locations).toEqual([{ locationId: s.locationId, shopifyLocationId: s.shopifyLocationId }]);
  });
});
