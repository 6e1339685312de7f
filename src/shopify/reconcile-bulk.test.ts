import { afterAll, beforeAll, expect, it } from 'vitest';
import { POS_START_STOCK, type SyncedShop, startSyncedShop } from '../../tests/support/synced-shop.ts';
import { describeEachDatabase } from '../../tests/support/test-databases.ts';
import { BULK_VARIANTS_QUERY } from './operations/bulk-operation-run-query.ts';
import { type ReconcileOptions, reconcile } from './reconcile.service.ts';
import { readAllShopifyAvailable } from './reconcile-bulk-read.ts';
import { startBulkQuery } from './shopify-bulk-query.ts';
import { createSyncClientProvider } from './sync-client.ts';

/**
 * Reconciliation through a bulk export (forced with a threshold of one point) against the paged
 * read: the same Shopify-side edits, found and corrected the same way, through the real sandbox.
 * The sync engine is stopped so that only reconciliation touches the points.
 */
const BULK: ReconcileOptions = { bulkReadAbove: 1, bulk: { pollMs: 50 } };
const PAGED: ReconcileOptions = { bulkReadAbove: Number.MAX_SAFE_INTEGER };

describeEachDatabase('reconciliation by bulk export', (t) => {
  let s: SyncedShop;
  beforeAll(async () => {
    s = await startSyncedShop(t.db);
    await s.engine.stop();
  }, 120_000);
  afterAll(async () => {
    await s?.close();
  });

  const item = (n: number) => s.items[n]!;
  async function run(options: ReconcileOptions) {
    const sync = await createSyncClientProvider(t.db.kysely, s.test.deps)();
    if (!sync) throw new Error('not connected');
    const deps = { clock: s.test.deps.clock, newId: s.test.deps.newId, dialect: t.db.dialect };
    return reconcile(t.db.kysely, deps, sync, 'manual', options);
  }
  async function editInShopify(n: number, available: number) {
    await s.control(`/sandbox/shops/${s.shop.domain}/stock`, {
      inventoryItemId: item(n).inventoryItemId,
      locationId: s.shopifyLocationId,
      available,
    });
  }
  /** The report's rows as [item number, cause, action, POS, Shopify, expected]. */
  async function reportRows(reportId: string) {
    const rows = await t.db.kysely
      .selectFrom('shopify_drift_rows')
      .selectAll()
      .where('report_id', '=', reportId)
      .execute();
    return rows
      .map((r) => [
        s.items.findIndex((i) => i.variantId === r.variant_id),
        r.cause,
        r.action,
        r.pos_online_available,
        r.shopify_available,
        r.expected_available,
      ])
      .sort((a, b) => Number(a[0]) - Number(b[0]));
  }

  it('finds and overrides Shopify-side edits exactly as the paged read does', async () => {
    await editInShopify(0, 25);
    await editInShopify(1, 0);
    const bulk = await run(BULK);
    expect(bulk).toMatchObject({ read: 'bulk', pointsChecked: 12, drifted: 2, corrected: 2, stale: 0 });
    expect(bulk.bulkFallback).toBeUndefined();

    await editInShopify(2, 25);
    await editInShopify(3, 0);
    const paged = await run(PAGED);
    expect(paged).toMatchObject({ read: 'paged', pointsChecked: 12, drifted: 2, corrected: 2, stale: 0 });

    const bulkRows = await reportRows(bulk.reportId);
    expect(bulkRows).toEqual([
      [0, 'shopify_edit', 'set', POS_START_STOCK, 25, POS_START_STOCK],
      [1, 'shopify_edit', 'set', POS_START_STOCK, 0, POS_START_STOCK],
    ]);
    // Same edits on two other items: the same rows, item numbers aside.
    expect((await reportRows(paged.reportId)).map(([n, ...rest]) => [Number(n) - 2, ...rest])).toEqual(
      bulkRows,
    );
    for (const n of [0, 1, 2, 3]) expect(await s.shopifyAvailable(item(n))).toBe(POS_START_STOCK);
  });

  it('leaves every point equal, as a second bulk run and a full export both show', async () => {
    const again = await run(BULK);
    expect(again).toMatchObject({ read: 'bulk', pointsChecked: 12, drifted: 0, corrected: 0 });
    const sync = await createSyncClientProvider(t.db.kysely, s.test.deps)();
    const levels = await readAllShopifyAvailable(sync!.shopify, { pollMs: 50 });
    if (!levels.ok) throw new Error(levels.message);
    for (const i of s.items)
      expect(levels.levels.get(`${i.inventoryItemId}|${s.shopifyLocationId}`)).toBe(POS_START_STOCK);
  });

  it("takes edits in as POS adjustments in one batch when the owner's policy is to accept", async () => {
    await t.db.kysely.updateTable('shopify_connection').set({ edit_policy: 'accept' }).execute();
    try {
      await editInShopify(4, 13);
      await editInShopify(5, 7);
      const outcome = await run(BULK);
      expect(outcome).toMatchObject({ read: 'bulk', drifted: 2, corrected: 2 });
      expect((await reportRows(outcome.reportId)).map((r) => [r[0], r[2]])).toEqual([
        [4, 'accepted'],
        [5, 'accepted'],
      ]);
      expect(await s.posLevel(item(4))).toEqual({ onHand: 13, committed: 0 });
      expect(await s.posLevel(item(5))).toEqual({ onHand: 7, committed: 0 });
      const settled = await run(BULK);
      expect(settled.drifted).toBe(0);
      expect(await s.shopifyAvailable(item(4))).toBe(13);
    } finally {
      await t.db.kysely.updateTable('shopify_connection').set({ edit_policy: 'override' }).execute();
    }
  });

  it('falls back to the paged read when no export can start, and still corrects', async () => {
    // Five long exports of the app (a larger catalogue) fill Shopify's allowance; waiting is cut short.
    await s.control(`/sandbox/shops/${s.shop.domain}/seed`, { variants: 5000 });
    const sync = await createSyncClientProvider(t.db.kysely, s.test.deps)();
    for (let i = 0; i < 5; i++) {
      const started = await startBulkQuery(sync!.shopify, BULK_VARIANTS_QUERY);
      expect(started.ok).toBe(true);
    }
    await editInShopify(6, 2);
    const outcome = await run({ bulkReadAbove: 1, bulk: { pollMs: 50, maxWaitMs: 0 } });
    expect(outcome).toMatchObject({ read: 'paged', pointsChecked: 12, drifted: 1, corrected: 1 });
    // Refused while the five run, or (should one end meanwhile) started but not done in time.
    expect(outcome.bulkFallback).toMatch(/already in progress|still (CREATED|RUNNING)/);
    expect(await s.shopifyAvailable(item(6))).toBe(POS_START_STOCK);
  }, 60_000);
});
