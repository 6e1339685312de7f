import { beforeAll, expect, it } from 'vitest';
import {
  countRows,
  insertLocation,
  insertRegister,
  insertVariant,
  lineId,
  onHand,
  saleId,
  staffWithPin,
} from '../../tests/support/sales-fixtures.ts';
import { createTestApp, type TestApp } from '../../tests/support/test-app.ts';
import { describeEachDatabase } from '../../tests/support/test-databases.ts';
import { newId } from '../shared/ids.ts';

describeEachDatabase('returns', (t) => {
  let test: TestApp;
  let locationId: string;
  let registerId: string;
  let mug: string;
  let plate: string;

  beforeAll(async () => {
    test = await createTestApp(t.db);
    locationId = await insertLocation(t.db);
    registerId = await insertRegister(t.db, locationId);
    mug = (await insertVariant(t.db, { priceMinor: 800 })).id;
    plate = (await insertVariant(t.db, { priceMinor: 1200 })).id;
  });

  /** A sale of 3 mugs and 2 plates (4800), paid 1000 by card and the rest in cash. */
  const sell = async () => {
    const response = await test.app.inject({
      method: 'POST',
      url: '/api/sales',
      headers: await test.as('cashier'),
      payload: {
        id: saleId(),
        registerId,
        lines: [
          { id: lineId(), variantId: mug, quantity: 3 },
          { id: lineId(), variantId: plate, quantity: 2 },
          { id: lineId(), misc: { description: 'Gift wrap', priceMinor: 100, taxRateBp: 0 }, quantity: 1 },
        ],
        payments: [
          { method: 'card', amountMinor: 1000 },
          { method: 'cash', amountMinor: 4000 },
        ],
      },
    });
    expect(response.statusCode).toBe(201);
    return response.json() as { id: string; lines: Array<{ id: string }> };
  };
  const giveBack = async (sale: string, payload: object, role: 'cashier' | 'manager' = 'cashier') =>
    test.app.inject({
      method: 'POST',
      url: `/api/sales/${sale}/returns`,
      payload,
      headers: await test.as(role),
    });

  it('restocks a returned line (+q at the sale location) and refunds to card first, then cash', async () => {
    const sale = await sell();
    const before = await onHand(t.db, mug, locationId);
    const response = await giveBack(sale.id, {
      id: newId('ret'),
      lines: [{ saleLineId: sale.lines[0]!.id, quantity: 2, restock: true }],
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      saleId: sale.id,
      refundMinor: 1600,
      refunds: [
        { method: 'card', amountMinor: 1000 },
        { method: 'cash', amountMinor: 600 },
      ],
      lines: [{ quantity: 2, restock: true, refundMinor: 1600 }],
    });
    expect(await onHand(t.db, mug, locationId)).toBe(before + 2);
    const view = await test.app.inject({
      method: 'GET',
      url: `/api/sales/${sale.id}`,
      headers: await test.as('cashier'),
    });
    expect(view.json().lines[0].returnedQuantity).toBe(2);
  });

  it('moves no stock for a line returned without restock, nor for a misc line', async () => {
    const sale = await sell();
    const movementsBefore = await countRows(t.db, 'stock_movements');
    const response = await giveBack(sale.id, {
      id: newId('ret'),
      lines: [
        { saleLineId: sale.lines[1]!.id, quantity: 1, restock: false },
        { saleLineId: sale.lines[2]!.id, quantity: 1, restock: true },
      ],
    });
    expect(response.statusCode).toBe(201);
    expect(response.json().lines.map((l: { restock: boolean }) => l.restock)).toEqual([false, false]);
    expect(response.json().refundMinor).toBe(1300);
    expect(await countRows(t.db, 'stock_movements')).toBe(movementsBefore);
  });

  it('refuses to return more than was sold, counting earlier returns, with 409 and nothing written', async () => {
    const sale = await sell();
    const first = await giveBack(sale.id, {
      id: newId('ret'),
      lines: [{ saleLineId: sale.lines[0]!.id, quantity: 2, restock: true }],
    });
    expect(first.statusCode).toBe(201);
    const returnsBefore = await countRows(t.db, 'sale_returns');
    const tooMany = await giveBack(sale.id, {
      id: newId('ret'),
      lines: [{ saleLineId: sale.lines[0]!.id, quantity: 2, restock: true }],
    });
    expect(tooMany.statusCode).toBe(409);
    expect(tooMany.json().error).toMatchObject({ code: 'RETURN_EXCEEDS_SOLD', field: 'lines.0.quantity' });
    expect(await countRows(t.db, 'sale_returns')).toBe(returnsBefore);
  });

  it('records a return once when the same return id is sent twice', async () => {
    const sale = await sell();
    const body = { id: newId('ret'), lines: [{ saleLineId: sale.lines[0]!.id, quantity: 1, restock: true }] };
    const level = await onHand(t.db, mug, locationId);
    const first = await giveBack(sale.id, body);
    const again = await giveBack(sale.id, body);
    expect([first.statusCode, again.statusCode]).toEqual([201, 200]);
    expect(again.json()).toEqual(first.json());
    expect(await onHand(t.db, mug, locationId)).toBe(level + 1);
  });

  it("needs a manager's PIN from a cashier for a refund over the shop's limit", async () => {
    const sale = await sell();
    const manager = await staffWithPin(t.db, 'manager', '9876');
    const limit = await test.app.inject({
      method: 'PATCH',
      url: '/api/settings',
      headers: await test.as('owner'),
      payload: { returnApprovalOverMinor: 3000 },
    });
    expect(limit.statusCode).toBe(200);
    const body = {
      id: newId('ret'),
      lines: [
        { saleLineId: sale.lines[0]!.id, quantity: 3, restock: true },
        { saleLineId: sale.lines[1]!.id, quantity: 2, restock: true },
      ],
    };
    const refused = await giveBack(sale.id, body);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('RETURN_NEEDS_APPROVAL');
    const approved = await giveBack(sale.id, { ...body, approval: { staffId: manager.id, pin: '9876' } });
    expect(approved.statusCode).toBe(201);
    expect(approved.json().refundMinor).toBe(4800);
  });

  it('answers 404 for an unknown sale and 400 for a line of another sale', async () => {
    const sale = await sell();
    const other = await sell();
    const missing = await giveBack('sale_nope', {
      id: newId('ret'),
      lines: [{ saleLineId: 'x', quantity: 1, restock: true }],
    });
    expect(missing.statusCode).toBe(404);
    const wrongLine = await giveBack(sale.id, {
      id: newId('ret'),
      lines: [{ saleLineId: other.lines[0]!.id, quantity: 1, restock: true }],
    });
    expect(wrongLine.statusCode).toBe(400);
    expect(wrongLine.json().error).toMatchObject({
      code: 'RETURN_LINE_UNKNOWN',
      field: 'lines.0.saleLineId',
    });
  });
});
