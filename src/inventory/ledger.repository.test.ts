import { expect, it } from 'vitest';
import { insertTestVariant } from '../../tests/support/catalog-fixtures.ts';
import { describeEachDatabase } from '../../tests/support/test-databases.ts';
import { inWriteTransaction } from '../db/write-transaction.ts';
import { systemClock } from '../shared/clock.ts';
import { newId } from '../shared/ids.ts';
import { type NewMovement, recordMovements } from './ledger.repository.ts';
import { verifyLevelsAgainstLedger } from './ledger-check.ts';
import { createLocation } from './location.service.ts';

const deps = { clock: systemClock, newId };

describeEachDatabase('stock ledger: recordMovements', (t) => {
  async function setup() {
    const db = t.db.kysely;
    const variantId = await insertTestVariant(db);
    const location = await createLocation(db, deps, { name: `Loc ${newId('loc').slice(-8)}` });
    return { db, variantId, locationId: location.id };
  }
  const level = (variantId: string, locationId: string) =>
    t.db.kysely
      .selectFrom('stock_levels')
      .select(['on_hand', 'committed'])
      .where('variant_id', '=', variantId)
      .where('location_id', '=', locationId)
      .executeTakeFirst();
  const movementsOf = async (variantId: string) =>
    (
      await t.db.kysely
        .selectFrom('stock_movements')
        .selectAll()
        .where('variant_id', '=', variantId)
        .execute()
    ).length;

  it('records an external event once: the same idempotency key twice is one movement and returns the first', async () => {
    const { variantId, locationId } = await setup();
    const movement: NewMovement = {
      variantId,
      locationId,
      onHandDelta: 0,
      committedDelta: 2,
      reason: 'online_order',
      sourceType: 'shopify_order_line',
      sourceId: 'gid://shopify/LineItem/1',
      idempotencyKey: `shopify:order:1:line:1:created:${variantId}`,
    };
    const [first] = await inWriteTransaction(t.db, (trx) => recordMovements(trx, deps, [movement]));
    const [second] = await inWriteTransaction(t.db, (trx) => recordMovements(trx, deps, [movement]));
    expect(first!.duplicate).toBe(false);
    expect(second).toMatchObject({ id: first!.id, duplicate: true, committedDelta: 2 });
    expect(await movementsOf(variantId)).toBe(1);
    expect(await level(variantId, locationId)).toEqual({ on_hand: 0, committed: 2 });
  });

  it('records one movement when two transactions deliver the same key at the same moment', async () => {
    const { variantId, locationId } = await setup();
    const movement: NewMovement = {
      variantId,
      locationId,
      onHandDelta: -1,
      committedDelta: -1,
      reason: 'online_fulfilment',
      sourceType: 'shopify_fulfilment',
      sourceId: 'f1',
      idempotencyKey: `shopify:fulfilment:race:${variantId}`,
    };
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        inWriteTransaction(t.db, (trx) => recordMovements(trx, deps, [movement])),
      ),
    );
    const ids = new Set(results.map(([r]) => r!.id));
    expect(ids.size).toBe(1);
    expect(results.filter(([r]) => !r!.duplicate)).toHaveLength(1);
    expect(await movementsOf(variantId)).toBe(1);
    expect(await level(variantId, locationId)).toEqual({ on_hand: -1, committed: -1 });
  });

  it('applies a key once even when one call carries it twice, and sums repeated rows into the level', async () => {
    const { variantId, locationId } = await setup();
    const base = {
      variantId,
      locationId,
      committedDelta: 0,
      reason: 'sale' as const,
      sourceType: 'sale_line',
    };
    const key = `twice:${variantId}`;
    const recorded = await inWriteTransaction(t.db, (trx) =>
      recordMovements(trx, deps, [
        { ...base, onHandDelta: -1, sourceId: 'l1' },
        { ...base, onHandDelta: -2, sourceId: 'l2', idempotencyKey: key },
        { ...base, onHandDelta: -2, sourceId: 'l2', idempotencyKey: key },
        { ...base, onHandDelta: -4, sourceId: 'l3' },
      ]),
    );
    expect(recorded.map((r) => r.duplicate)).toEqual([false, false, true, false]);
    expect(recorded[2]!.id).toBe(recorded[1]!.id);
    expect(await movementsOf(variantId)).toBe(3);
    expect(await level(variantId, locationId)).toEqual({ on_hand: -7, committed: 0 });
  });

  it('records a document larger than one statement can carry', async () => {
    const { variantId, locationId } = await setup();
    const other = await insertTestVariant(t.db.kysely);
    const movements: NewMovement[] = Array.from({ length: 1200 }, (_, i) => ({
      variantId: i % 2 === 0 ? variantId : other,
      locationId,
      onHandDelta: 1,
      committedDelta: 0,
      reason: 'receipt',
      sourceType: 'receipt',
      sourceId: 'rcv_big',
      idempotencyKey: i % 3 === 0 ? `big:${variantId}:${i}` : null,
    }));
    const recorded = await inWriteTransaction(t.db, (trx) => recordMovements(trx, deps, movements));
    expect(recorded.filter((r) => r.duplicate)).toHaveLength(0);
    expect(await level(variantId, locationId)).toEqual({ on_hand: 600, committed: 0 });
    expect(await level(other, locationId)).toEqual({ on_hand: 600, committed: 0 });
  });

  it('writes rows in lock order but returns them in the order given', async () => {
    const { locationId } = await setup();
    const a = await insertTestVariant(t.db.kysely);
    const b = await insertTestVariant(t.db.kysely);
    const [later, earlier] = a < b ? [b, a] : [a, b];
    const recorded = await inWriteTransaction(t.db, (trx) =>
      recordMovements(trx, deps, [
        {
          variantId: later,
          locationId,
          onHandDelta: 1,
          committedDelta: 0,
          reason: 'receipt',
          sourceType: 'receipt',
          sourceId: 'r',
        },
        {
          variantId: earlier,
          locationId,
          onHandDelta: 2,
          committedDelta: 0,
          reason: 'receipt',
          sourceType: 'receipt',
          sourceId: 'r',
        },
      ]),
    );
    expect(recorded.map((r) => [r.variantId, r.onHandDelta])).toEqual([
      [later, 1],
      [earlier, 2],
    ]);
  });

  it('refuses a fractional delta before writing anything', async () => {
    const { variantId, locationId } = await setup();
    await expect(
      inWriteTransaction(t.db, (trx) =>
        recordMovements(trx, deps, [
          {
            variantId,
            locationId,
            onHandDelta: 1,
            committedDelta: 0,
            reason: 'receipt',
            sourceType: 'receipt',
            sourceId: 'r',
          },
          {
            variantId,
            locationId,
            onHandDelta: 0.5,
            committedDelta: 0,
            reason: 'receipt',
            sourceType: 'receipt',
            sourceId: 'r',
          },
        ]),
      ),
    ).rejects.toThrow(/integers/);
    expect(await movementsOf(variantId)).toBe(0);
  });

  it('keeps every level equal to the sum of its movements', async () => {
    expect(await verifyLevelsAgainstLedger(t.db.kysely)).toEqual([]);
  });

  it('reports a level that drifted from its movements', async () => {
    const { variantId, locationId } = await setup();
    await inWriteTransaction(t.db, (trx) =>
      recordMovements(trx, deps, [
        {
          variantId,
          locationId,
          onHandDelta: 3,
          committedDelta: 0,
          reason: 'receipt',
          sourceType: 'receipt',
          sourceId: 'r',
        },
      ]),
    );
    // Simulate a bug that changed the projection without a movement, then put it back.
    const tamper = (onHand: number) =>
      t.db.kysely
        .updateTable('stock_levels')
        .set({ on_hand: onHand })
        .where('variant_id', '=', variantId)
        .where('location_id', '=', locationId)
        .execute();
    await tamper(4);
    expect(await verifyLevelsAgainstLedger(t.db.kysely)).toEqual([
      { variantId, locationId, level: { onHand: 4, committed: 0 }, ledger: { onHand: 3, committed: 0 } },
    ]);
    await tamper(3);
    expect(await verifyLevelsAgainstLedger(t.db.kysely)).toEqual([]);
  });
});
