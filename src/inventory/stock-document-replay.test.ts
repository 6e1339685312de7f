import { expect, it } from 'vitest';
import { insertTestVariant } from '../../tests/support/catalog-fixtures.ts';
import { countMovements, createStockShop } from '../../tests/support/stock-shop.ts';
import { describeEachDatabase } from '../../tests/support/test-databases.ts';
import { inWriteTransaction } from '../db/write-transaction.ts';
import { systemClock } from '../shared/clock.ts';
import { newId } from '../shared/ids.ts';
import { recordMovements } from './ledger.repository.ts';
import { verifyLevelsAgainstLedger } from './ledger-check.ts';
import { receiveGoods } from './stock-documents.service.ts';

const ids = (body: { movements: { id: string }[] }) => body.movements.map((m) => m.id).sort();

describeEachDatabase('stock documents with a client-made id', (t) => {
  const shop = () => createStockShop(t.db);

  it('records a receipt once when it is sent twice: 201, then 200 with the same movements', async () => {
    const { post, addLocation, levelOf } = await shop();
    const loc = await addLocation('Shop');
    const v = await insertTestVariant(t.db.kysely);
    const body = { id: newId('rcv'), locationId: loc, lines: [{ variantId: v, quantity: 5 }] };
    const first = await post('/api/stock/receipts', body);
    const before = await countMovements(t.db);
    const second = await post('/api/stock/receipts', body);
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(200);
    expect(second.json().id).toBe(body.id);
    expect(ids(second.json())).toEqual(ids(first.json()));
    expect(await countMovements(t.db)).toBe(before);
    expect(await levelOf(v, loc)).toMatchObject({ onHand: 5 });
  });

  it('refuses the same id with different lines (409 DOCUMENT_ID_REUSED) and writes nothing', async () => {
    const { post, addLocation, levelOf } = await shop();
    const loc = await addLocation('Shop');
    const v = await insertTestVariant(t.db.kysely);
    const id = newId('trf');
    const other = await addLocation('Store');
    await post('/api/stock/transfers', {
      id,
      fromLocationId: loc,
      toLocationId: other,
      lines: [{ variantId: v, quantity: 2 }],
    });
    const before = await countMovements(t.db);
    const changed = await post('/api/stock/transfers', {
      id,
      fromLocationId: loc,
      toLocationId: other,
      lines: [{ variantId: v, quantity: 3 }],
    });
    expect(changed.statusCode).toBe(409);
    expect(changed.json().error).toMatchObject({ code: 'DOCUMENT_ID_REUSED', field: 'id' });
    expect(await countMovements(t.db)).toBe(before);
    expect(await levelOf(v, other)).toMatchObject({ onHand: 2 });
  });

  it('answers a repeated adjustment with the first movement', async () => {
    const { post, addLocation, levelOf } = await shop();
    const loc = await addLocation('Shop');
    const v = await insertTestVariant(t.db.kysely);
    const body = { id: newId('adj'), locationId: loc, variantId: v, delta: -1, reason: 'broken' };
    const first = await post('/api/stock/adjustments', body);
    const second = await post('/api/stock/adjustments', body);
    expect([first.statusCode, second.statusCode]).toEqual([201, 200]);
    expect(second.json().id).toBe(first.json().id);
    expect(await levelOf(v, loc)).toMatchObject({ onHand: -1 });
  });

  it('does not reset stock when a count is replayed after a sale', async () => {
    const { post, addLocation, levelOf } = await shop();
    const loc = await addLocation('Shop');
    const v = await insertTestVariant(t.db.kysely);
    const body = { id: newId('cnt'), locationId: loc, lines: [{ variantId: v, counted: 10 }] };
    const first = await post('/api/stock/counts', body);
    await inWriteTransaction(t.db, (trx) =>
      recordMovements(trx, { clock: systemClock, newId }, [
        {
          variantId: v,
          locationId: loc,
          onHandDelta: -1,
          committedDelta: 0,
          reason: 'sale',
          sourceType: 'sale_line',
          sourceId: 'line_x',
        },
      ]),
    );
    const replay = await post('/api/stock/counts', body);
    expect(replay.statusCode).toBe(200);
    expect(ids(replay.json())).toEqual(ids(first.json()));
    expect(await levelOf(v, loc)).toMatchObject({ onHand: 9 });
  });

  it('refuses an id of the wrong kind', async () => {
    const { post, addLocation } = await shop();
    const loc = await addLocation('Shop');
    const v = await insertTestVariant(t.db.kysely);
    const res = await post('/api/stock/receipts', {
      id: newId('trf'),
      locationId: loc,
      lines: [{ variantId: v, quantity: 1 }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe('id');
  });

  it('records one receipt when copies with the same id race in separate transactions', async () => {
    const { addLocation, levelOf } = await shop();
    const loc = await addLocation('Shop');
    const v = await insertTestVariant(t.db.kysely);
    const input = { id: newId('rcv'), locationId: loc, lines: [{ variantId: v, quantity: 4 }] };
    const actor = { staffId: 'usr_race', displayName: 'Race' };
    const results = await Promise.all(
      Array.from({ length: 4 }, () =>
        inWriteTransaction(t.db, (trx) => receiveGoods(trx, { clock: systemClock, newId }, actor, input)),
      ),
    );
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(new Set(results.map((r) => ids(r).join()))).toEqual(new Set([ids(results[0]!).join()]));
    expect(await levelOf(v, loc)).toMatchObject({ onHand: 4 });
    expect(await verifyLevelsAgainstLedger(t.db.kysely)).toEqual([]);
  });
});
