import { expect, it } from 'vitest';
import { insertTestVariant } from '../../tests/support/catalog-fixtures.ts';
import { describeEachDatabase } from '../../tests/support/test-databases.ts';
import { recordMovements } from '../inventory/ledger.repository.ts';
import { systemClock } from '../shared/clock.ts';
import { newId } from '../shared/ids.ts';
import { planPushes } from './push-planner.ts';

const deps = { clock: systemClock, newId };
const now = new Date().toISOString();

describeEachDatabase('POS → Shopify push planning', (t) => {
  async function linkedVariant(opts: { linked: boolean; expected: number; onHand: number; buffer?: number }) {
    const db = t.db.kysely;
    const variantId = await insertTestVariant(db);
    const { product_id: productId } = await db
      .selectFrom('product_variants')
      .select('product_id')
      .where('id', '=', variantId)
      .executeTakeFirstOrThrow();
    if (opts.buffer !== undefined)
      await db
        .insertInto('shopify_product_buffers')
        .values({ product_id: productId, buffer: opts.buffer })
        .execute();
    const item = `gid://shopify/InventoryItem/${Math.floor(Math.random() * 1e9)}`;
    if (opts.linked) {
      await db
        .insertInto('shopify_variant_links')
        .values({
          variant_id: variantId,
          shopify_variant_id: `gid://shopify/ProductVariant/${Math.floor(Math.random() * 1e9)}`,
          shopify_inventory_item_id: item,
          shopify_product_id: 'gid://shopify/Product/1',
          linked_at: now,
        })
        .execute();
      await db
        .insertInto('shopify_sync_points')
        .values({
          variant_id: variantId,
          location_id: 'loc_main',
          expected_available: opts.expected,
          in_flight_push_id: null,
          last_pushed_at: null,
          updated_at: now,
        })
        .execute();
    }
    await move(variantId, 'receipt', opts.onHand);
    return { variantId, item };
  }

  async function move(variantId: string, reason: 'receipt' | 'sale' | 'online_order', q: number) {
    await t.db.kysely.transaction().execute(async (trx) => {
      await recordMovements(trx, deps, [
        {
          variantId,
          locationId: 'loc_main',
          onHandDelta: reason === 'sale' ? -q : reason === 'receipt' ? q : 0,
          committedDelta: reason === 'online_order' ? q : 0,
          reason,
          sourceType: 'test',
          sourceId: newId('mov'),
        },
      ]);
    });
  }

  it('sets up a connected shop with one mapped location', async () => {
    const db = t.db.kysely;
    await db
      .insertInto('locations')
      .values({ id: 'loc_main', name: 'Shop', active: 1, created_at: now })
      .execute();
    await db
      .insertInto('shopify_location_map')
      .values({ location_id: 'loc_main', shopify_location_id: 'gid://shopify/Location/1' })
      .execute();
    await db
      .insertInto('shopify_connection')
      .values({
        id: 1,
        shop_domain: 'demo.myshopify.com',
        auth_kind: 'access_token',
        access_token_sealed: 'sealed',
        client_id: null,
        client_secret_sealed: null,
        api_secret_sealed: 'sealed',
        token_expires_at: null,
        granted_scopes: '',
        api_origin: null,
        webhook_base_url: null,
        integration_started_at: now,
        default_buffer: 1,
        edit_policy: 'override',
        connected_at: now,
      })
      .execute();
  });

  it('plans one delta per (item, location) covering every POS movement since the last push', async () => {
    const { variantId } = await linkedVariant({ linked: true, expected: 9, onHand: 10 });
    // Shopify was expected to show 9 (10 on hand, default buffer 1); then 10 more arrive and 3 sell.
    await move(variantId, 'receipt', 10);
    await move(variantId, 'sale', 2);
    await move(variantId, 'sale', 1);
    expect(
      await planPushes(t.db.kysely, { clock: systemClock, dialect: t.db.dialect }),
    ).toBeGreaterThanOrEqual(1);
    const pushes = await t.db.kysely
      .selectFrom('shopify_pushes')
      .selectAll()
      .where('variant_id', '=', variantId)
      .execute();
    expect(pushes).toHaveLength(1);
    // on hand 10 + 10 − 3 = 17, buffer 1 → target 16; expected 9 → delta +7.
    expect(pushes[0]).toMatchObject({ delta: 7, status: 'pending' });
    const pending = await t.db.kysely
      .selectFrom('sync_outbox')
      .selectAll()
      .where('variant_id', '=', variantId)
      .where('push_id', 'is', null)
      .execute();
    expect(pending).toEqual([]);
  });

  it('holds the next push until the one in flight is confirmed', async () => {
    const { variantId } = await linkedVariant({ linked: true, expected: 0, onHand: 5 });
    await planPushes(t.db.kysely, { clock: systemClock, dialect: t.db.dialect });
    await move(variantId, 'sale', 1);
    await planPushes(t.db.kysely, { clock: systemClock, dialect: t.db.dialect });
    const pushes = await t.db.kysely
      .selectFrom('shopify_pushes')
      .selectAll()
      .where('variant_id', '=', variantId)
      .execute();
    expect(pushes).toHaveLength(1);
  });

  it('honours a per-product buffer and never pushes an online order back to Shopify', async () => {
    const { variantId } = await linkedVariant({ linked: true, expected: 3, onHand: 0, buffer: 2 });
    await move(variantId, 'receipt', 5);
    await planPushes(t.db.kysely, { clock: systemClock, dialect: t.db.dialect });
    const [push] = await t.db.kysely
      .selectFrom('shopify_pushes')
      .selectAll()
      .where('variant_id', '=', variantId)
      .execute();
    // 5 on hand − buffer 2 = 3 = expected: nothing to send.
    expect(push).toMatchObject({ delta: 0, status: 'sent' });
    await move(variantId, 'online_order', 1);
    const outbox = await t.db.kysely
      .selectFrom('sync_outbox')
      .selectAll()
      .where('variant_id', '=', variantId)
      .where('push_id', 'is', null)
      .execute();
    expect(outbox).toEqual([]);
    const point = await t.db.kysely
      .selectFrom('shopify_sync_points')
      .selectAll()
      .where('variant_id', '=', variantId)
      .executeTakeFirstOrThrow();
    expect(point.expected_available).toBe(2);
  });

  it('writes nothing to the outbox for a variant that is not linked', async () => {
    const { variantId } = await linkedVariant({ linked: false, expected: 0, onHand: 4 });
    const rows = await t.db.kysely
      .selectFrom('sync_outbox')
      .selectAll()
      .where('variant_id', '=', variantId)
      .execute();
    expect(rows).toEqual([]);
  });
});
