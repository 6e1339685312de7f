import fc from 'fast-check';
import { expect, it } from 'vitest';
import { insertTestVariant } from '../../tests/support/catalog-fixtures.ts';
import { describeEachDatabase } from '../../tests/support/test-databases.ts';
import { inWriteTransaction } from '../db/write-transaction.ts';
import { AppError } from '../shared/app-error.ts';
import { systemClock } from '../shared/clock.ts';
import { newId } from '../shared/ids.ts';
import { verifyLevelsAgainstLedger } from './ledger-check.ts';
import { createLocation } from './location.service.ts';
import { countStock } from './stock-count.service.ts';
import { adjustStock, receiveGoods, transferStock } from './stock-documents.service.ts';

/**
 * Model-based property: any sequence of receipts, adjustments, counts and transfers (some of them
 * invalid) leaves every level equal to a plain in-memory model, and the projection equal to the ledger.
 * A refused document changes nothing.
 */
const deps = { clock: systemClock, newId };
const actor = { staffId: 'usr_prop', displayName: 'Property' };
const V = 3;
const L = 3;

const index = (n: number) => fc.integer({ min: 0, max: n - 1 });
const quantityLines = fc.uniqueArray(fc.record({ v: index(V), q: fc.integer({ min: 1, max: 20 }) }), {
  selector: (l) => l.v,
  minLength: 1,
  maxLength: V,
});
const operation = fc.oneof(
  fc.record({ kind: fc.constant('receive' as const), loc: index(L), lines: quantityLines }),
  fc.record({
    kind: fc.constant('adjust' as const),
    loc: index(L),
    v: index(V),
    delta: fc.integer({ min: -20, max: 20 }),
  }),
  fc.record({
    kind: fc.constant('count' as const),
    loc: index(L),
    lines: fc.uniqueArray(fc.record({ v: index(V), counted: fc.integer({ min: 0, max: 30 }) }), {
      selector: (l) => l.v,
      minLength: 1,
      maxLength: V,
    }),
  }),
  fc.record({ kind: fc.constant('transfer' as const), from: index(L), to: index(L), lines: quantityLines }),
);

describeEachDatabase('stock ledger property', (t) => {
  it('matches an in-memory model after any sequence of documents, refused ones changing nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 12 }), async (ops) => {
        const db = t.db.kysely;
        const variants = await Promise.all(Array.from({ length: V }, () => insertTestVariant(db)));
        const locations: string[] = [];
        for (let i = 0; i < L; i++) {
          locations.push((await createLocation(db, deps, { name: `P${i} ${newId('loc').slice(-10)}` })).id);
        }
        const model = new Map<string, number>();
        const key = (v: number, l: number) => `${variants[v]}|${locations[l]}`;
        const add = (v: number, l: number, d: number) =>
          model.set(key(v, l), (model.get(key(v, l)) ?? 0) + d);

        for (const op of ops) {
          const run = (work: Parameters<typeof inWriteTransaction>[1]) => inWriteTransaction(t.db, work);
          try {
            if (op.kind === 'receive') {
              await run((trx) =>
                receiveGoods(trx, deps, actor, {
                  locationId: locations[op.loc]!,
                  lines: op.lines.map((l) => ({ variantId: variants[l.v]!, quantity: l.q })),
                }),
              );
              for (const l of op.lines) add(l.v, op.loc, l.q);
            } else if (op.kind === 'adjust') {
              await run((trx) =>
                adjustStock(trx, deps, actor, {
                  locationId: locations[op.loc]!,
                  variantId: variants[op.v]!,
                  delta: op.delta,
                  reason: 'property',
                }),
              );
              expect(op.delta).not.toBe(0);
              add(op.v, op.loc, op.delta);
            } else if (op.kind === 'count') {
              await run((trx) =>
                countStock(trx, deps, actor, {
                  locationId: locations[op.loc]!,
                  lines: op.lines.map((l) => ({ variantId: variants[l.v]!, counted: l.counted })),
                }),
              );
              for (const l of op.lines) model.set(key(l.v, op.loc), l.counted);
            } else {
              await run((trx) =>
                transferStock(trx, deps, actor, {
                  fromLocationId: locations[op.from]!,
                  toLocationId: locations[op.to]!,
                  lines: op.lines.map((l) => ({ variantId: variants[l.v]!, quantity: l.q })),
                }),
              );
              expect(op.from).not.toBe(op.to);
              for (const l of op.lines) {
                add(l.v, op.from, -l.q);
                add(l.v, op.to, l.q);
              }
            }
          } catch (error) {
            // Only the invalid documents the generator can make may be refused.
            if (!(error instanceof AppError)) throw error;
            const expected = op.kind === 'adjust' ? 'DELTA_INVALID' : 'SAME_LOCATION';
            expect(error.code).toBe(expected);
          }
        }

        const rows = await db
          .selectFrom('stock_levels')
          .select(['variant_id', 'location_id', 'on_hand'])
          .where('variant_id', 'in', variants)
          .execute();
        const actual = new Map(rows.map((r) => [`${r.variant_id}|${r.location_id}`, r.on_hand]));
        for (let v = 0; v < V; v++) {
          for (let l = 0; l < L; l++) expect(actual.get(key(v, l)) ?? 0).toBe(model.get(key(v, l)) ?? 0);
        }
      }),
      { numRuns: 15 },
    );
    expect(await verifyLevelsAgainstLedger(t.db.kysely)).toEqual([]);
  });
});
