import { expect, it } from 'vitest';
import { insertTestVariant } from '../../tests/support/catalog-fixtures.ts';
import { countMovements, createStockShop } from '../../tests/support/stock-shop.ts';
import { describeEachDatabase } from '../../tests/support/test-databases.ts';
import { verifyLevelsAgainstLedger } from './ledger-check.ts';

describeEachDatabase('stock documents over HTTP', (t) => {
  const shop = () => createStockShop(t.db);
  const movementCount = () => countMovements(t.db);

  it('receives goods: one movement per line, sourced to the receipt, levels up, actor named', async () => {
    const { post, addLocation, levelOf } = await shop();
    const loc = await addLocation('Shop');
    const a = await insertTestVariant(t.db.kysely);
    const b = await insertTestVariant(t.db.kysely);
    const res = await post('/api/stock/receipts', {
      locationId: loc,
      lines: [
        { variantId: a, quantity: 5 },
        { variantId: b, quantity: 12 },
      ],
      reference: 'INV-77',
      note: 'one box dented',
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.id).toMatch(/^rcv_/);
    expect(body.movements).toHaveLength(2);
    expect(body.movements[0]).toMatchObject({
      variantId: a,
      locationId: loc,
      onHandDelta: 5,
      committedDelta: 0,
      reason: 'receipt',
      sourceType: 'receipt',
      sourceId: body.id,
      note: 'ref INV-77 — one box dented',
      actorName: 'Test manager',
    });
    expect(await levelOf(a, loc)).toEqual({
      variantId: a,
      locationId: loc,
      onHand: 5,
      committed: 0,
      available: 5,
    });
    expect(await levelOf(b, loc)).toMatchObject({ onHand: 12 });
  });

  it('adjusts by a signed delta and keeps the reason as the note', async () => {
    const { post, addLocation, levelOf } = await shop();
    const loc = await addLocation('Shop');
    const v = await insertTestVariant(t.db.kysely);
    await post('/api/stock/receipts', { locationId: loc, lines: [{ variantId: v, quantity: 4 }] });
    const res = await post('/api/stock/adjustments', {
      locationId: loc,
      variantId: v,
      delta: -3,
      reason: 'water damage',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      onHandDelta: -3,
      reason: 'adjustment',
      note: 'water damage',
      sourceType: 'adjustment',
    });
    expect(res.json().sourceId).toMatch(/^adj_/);
    expect(await levelOf(v, loc)).toMatchObject({ onHand: 1 });
  });

  it('counts: sets on_hand to the counted number, records the difference, and writes nothing when the books agree', async () => {
    const { post, addLocation, levelOf } = await shop();
    const loc = await addLocation('Shop');
    const counted = await insertTestVariant(t.db.kysely);
    const agreed = await insertTestVariant(t.db.kysely);
    const neverStocked = await insertTestVariant(t.db.kysely);
    await post('/api/stock/receipts', {
      locationId: loc,
      lines: [
        { variantId: counted, quantity: 10 },
        { variantId: agreed, quantity: 6 },
      ],
    });
    const res = await post('/api/stock/counts', {
      locationId: loc,
      lines: [
        { variantId: counted, counted: 7 },
        { variantId: agreed, counted: 6 },
        { variantId: neverStocked, counted: 2 },
      ],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().id).toMatch(/^cnt_/);
    expect(
      res
        .json()
        .movements.map((m: { variantId: string; onHandDelta: number }) => [m.variantId, m.onHandDelta]),
    ).toEqual([
      [counted, -3],
      [neverStocked, 2],
    ]);
    expect(await levelOf(counted, loc)).toMatchObject({ onHand: 7 });
    expect(await levelOf(agreed, loc)).toMatchObject({ onHand: 6 });
    expect(await levelOf(neverStocked, loc)).toMatchObject({ onHand: 2 });

    const before = await movementCount();
    const again = await post('/api/stock/counts', {
      locationId: loc,
      lines: [{ variantId: counted, counted: 7 }],
    });
    expect(again.statusCode).toBe(201);
    expect(again.json().movements).toEqual([]);
    expect(await movementCount()).toBe(before);
  });

  it('transfers both sides in one go, and writes neither side when the destination is unknown', async () => {
    const { post, addLocation, levelOf } = await shop();
    const from = await addLocation('Shop');
    const to = await addLocation('Store');
    const v = await insertTestVariant(t.db.kysely);
    await post('/api/stock/receipts', { locationId: from, lines: [{ variantId: v, quantity: 9 }] });
    const res = await post('/api/stock/transfers', {
      fromLocationId: from,
      toLocationId: to,
      lines: [{ variantId: v, quantity: 4 }],
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.id).toMatch(/^trf_/);
    expect(
      body.movements.map((m: { reason: string; onHandDelta: number }) => [m.reason, m.onHandDelta]),
    ).toEqual([
      ['transfer_out', -4],
      ['transfer_in', 4],
    ]);
    expect(await levelOf(v, from)).toMatchObject({ onHand: 5 });
    expect(await levelOf(v, to)).toMatchObject({ onHand: 4 });

    const before = await movementCount();
    const lost = await post('/api/stock/transfers', {
      fromLocationId: from,
      toLocationId: 'loc_nowhere',
      lines: [{ variantId: v, quantity: 1 }],
    });
    expect(lost.statusCode).toBe(404);
    expect(lost.json().error).toMatchObject({ code: 'LOCATION_NOT_FOUND', field: 'toLocationId' });
    expect(await movementCount()).toBe(before);
    expect(await levelOf(v, from)).toMatchObject({ onHand: 5 });
  });

  it('refuses to stock a deactivated location but lets a transfer empty it', async () => {
    const { app, post, addLocation, levelOf, manager } = await shop();
    const closing = await addLocation('Closing');
    const open = await addLocation('Open');
    const v = await insertTestVariant(t.db.kysely);
    await post('/api/stock/receipts', { locationId: closing, lines: [{ variantId: v, quantity: 6 }] });
    await app.inject({
      method: 'PATCH',
      url: `/api/locations/${closing}`,
      headers: manager,
      payload: { active: false },
    });

    const receipt = await post('/api/stock/receipts', {
      locationId: closing,
      lines: [{ variantId: v, quantity: 1 }],
    });
    expect(receipt.statusCode).toBe(400);
    expect(receipt.json().error).toMatchObject({ code: 'LOCATION_INACTIVE', field: 'locationId' });
    const into = await post('/api/stock/transfers', {
      fromLocationId: open,
      toLocationId: closing,
      lines: [{ variantId: v, quantity: 1 }],
    });
    expect(into.json().error).toMatchObject({ code: 'LOCATION_INACTIVE', field: 'toLocationId' });

    const out = await post('/api/stock/transfers', {
      fromLocationId: closing,
      toLocationId: open,
      lines: [{ variantId: v, quantity: 6 }],
    });
    expect(out.statusCode).toBe(201);
    expect(await levelOf(v, closing)).toMatchObject({ onHand: 0 });
    expect(await levelOf(v, open)).toMatchObject({ onHand: 6 });
  });

  it('leaves every level equal to the sum of its movements', async () => {
    expect(await verifyLevelsAgainstLedger(t.db.kysely)).toEqual([]);
  });
});
