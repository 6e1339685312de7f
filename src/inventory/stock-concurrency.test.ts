import { expect, it } from 'vitest';
import { insertTestVariant } from '../../tests/support/catalog-fixtures.ts';
import { describeEachDatabase } from '../../tests/support/test-databases.ts';
import { inWriteTransaction } from '../db/write-transaction.ts';
import { systemClock } from '../shared/clock.ts';
import { newId } from '../shared/ids.ts';
import { recordMovements } from './ledger.repository.ts';
import { verifyLevelsAgainstLedger } from './ledger-check.ts';
import { createLocation } from './location.service.ts';
import { countStock } from './stock-count.service.ts';
import { receiveGoods, transferStock } from './stock-documents.service.ts';

/**
 * Races between stock documents. On PostgreSQL the transactions really run side by side (a pool of
 * connections); on SQLite they queue on the write lock. Either way the books must add up.
 */
const deps = { clock: systemClock, newId };
const actor = { staffId: 'usr_test', displayName: 'Racer' };

describeEachDatabase('stock under concurrency', (t) => {
  async function stocked(quantities: number[]) {
    const db = t.db.kysely;
    const variants = await Promise.all(quantities.map(() => insertTestVariant(db)));
    const a = await createLocation(db, deps, { name: `A ${newId('loc').slice(-8)}` });
    const b = await createLocation(db, deps, { name: `B ${newId('loc').slice(-8)}` });
    await inWriteTransaction(t.db, (trx) =>
      receiveGoods(trx, deps, actor, {
        locationId: a.id,
        lines: variants.map((variantId, i) => ({ variantId, quantity: quantities[i]! })),
      }),
    );
    return { variants, a: a.id, b: b.id };
  }
  const onHand = async (variantId: string, locationId: string) =>
    (
      await t.db.kysely
        .selectFrom('stock_levels')
        .select('on_hand')
        .where('variant_id', '=', variantId)
        .where('location_id', '=', locationId)
        .executeTakeFirst()
    )?.on_hand ?? 0;

  it('keeps the total when transfers A→B and B→A of several items run at the same time', async () => {
    const { variants, a, b } = await stocked([50, 50, 50]);
    const transfer = (from: string, to: string, order: string[]) =>
      inWriteTransaction(t.db, (trx) =>
        transferStock(trx, deps, actor, {
          fromLocationId: from,
          toLocationId: to,
          lines: order.map((variantId) => ({ variantId, quantity: 1 })),
        }),
      );
    const reversed = [...variants].reverse();
    // Opposite directions and opposite line orders: without a common lock order PostgreSQL deadlocks.
    const results = await Promise.allSettled(
      Array.from({ length: 16 }, (_, i) =>
        i % 2 === 0 ? transfer(a, b, variants) : transfer(b, a, reversed),
      ),
    );
    const failures = results.filter((r) => r.status === 'rejected');
    expect(failures.map((f) => String((f as PromiseRejectedResult).reason))).toEqual([]);
    for (const v of variants) {
      expect((await onHand(v, a)) + (await onHand(v, b))).toBe(50);
      expect(await onHand(v, a)).toBe(50);
    }
    expect(await verifyLevelsAgainstLedger(t.db.kysely)).toEqual([]);
  });

  it('lets only one of two simultaneous identical counts move stock (no lost update)', async () => {
    const { variants, a } = await stocked([3]);
    const v = variants[0]!;
    const count = () =>
      inWriteTransaction(t.db, (trx) =>
        countStock(trx, deps, actor, { locationId: a, lines: [{ variantId: v, counted: 10 }] }),
      );
    const [first, second] = await Promise.all([count(), count()]);
    expect(first.movements.length + second.movements.length).toBe(1);
    expect(await onHand(v, a)).toBe(10);
  });

  it('never loses a sale that races a count: the count sets the level, later sales come off it', async () => {
    const { variants, a } = await stocked([20]);
    const v = variants[0]!;
    const sale = (i: number) =>
      inWriteTransaction(t.db, (trx) =>
        recordMovements(trx, deps, [
          {
            variantId: v,
            locationId: a,
            onHandDelta: -1,
            committedDelta: 0,
            reason: 'sale',
            sourceType: 'sale_line',
            sourceId: `line_${i}`,
          },
        ]),
      );
    const sales = Array.from({ length: 6 }, (_, i) => sale(i));
    const counted = inWriteTransaction(t.db, (trx) =>
      countStock(trx, deps, actor, { locationId: a, lines: [{ variantId: v, counted: 10 }] }),
    );
    const [count] = await Promise.all([counted, ...sales]);
    const countDelta = count.movements[0]?.onHandDelta ?? 0;
    // The count saw 20 − (sales before it); every sale after it came off the counted 10.
    const salesBefore = 20 - (10 - countDelta);
    expect(salesBefore).toBeGreaterThanOrEqual(0);
    expect(salesBefore).toBeLessThanOrEqual(6);
    expect(await onHand(v, a)).toBe(10 - (6 - salesBefore));
    expect(await verifyLevelsAgainstLedger(t.db.kysely)).toEqual([]);
  });
});
