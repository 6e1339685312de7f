import fc from 'fast-check';
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
import { computeSaleTotals } from '../core/sale-totals.ts';

describeEachDatabase('sales', (t) => {
  let test: TestApp;
  let locationId: string;
  let registerId: string;
  let items: Array<{ id: string; price: number }>;

  beforeAll(async () => {
    test = await createTestApp(t.db);
    locationId = await insertLocation(t.db);
    registerId = await insertRegister(t.db, locationId);
    items = [];
    for (const price of [250, 1299, 99])
      items.push({ id: (await insertVariant(t.db, { priceMinor: price })).id, price });
  });

  const post = async (payload: object, role: 'cashier' | 'manager' | 'owner' = 'cashier') =>
    test.app.inject({ method: 'POST', url: '/api/sales', payload, headers: await test.as(role) });

  const threeLineSale = () => ({
    id: saleId(),
    registerId,
    lines: items.map((item, i) => ({ id: lineId(), variantId: item.id, quantity: i + 1 })),
    payments: [{ method: 'card', amountMinor: 250 + 2 * 1299 + 3 * 99 }],
  });

  it('records a 3-line sale at catalog prices, takes −q per line from stock, and totals as computeSaleTotals does', async () => {
    const before = await Promise.all(items.map((item) => onHand(t.db, item.id, locationId)));
    const body = threeLineSale();
    const response = await post(body);
    expect(response.statusCode).toBe(201);
    const sale = response.json();
    const expected = computeSaleTotals({
      lines: items.map((item, i) => ({ unitPriceMinor: item.price, quantity: i + 1, taxRateBp: 2000 })),
      pricesIncludeTax: true,
    });
    expect(sale.totals).toEqual({
      subtotalMinor: expected.subtotalMinor,
      discountMinor: expected.discountMinor,
      taxMinor: expected.taxMinor,
      totalMinor: expected.totalMinor,
      taxBreakdown: expected.taxBreakdown,
    });
    expect(sale.number).toBeGreaterThan(1000);
    expect(sale.hasMisc).toBe(false);
    const after = await Promise.all(items.map((item) => onHand(t.db, item.id, locationId)));
    expect(after).toEqual(before.map((level, i) => level - (i + 1)));
    const movements = await t.db.kysely
      .selectFrom('stock_movements')
      .selectAll()
      .where(
        'source_id',
        'in',
        body.lines.map((l) => l.id),
      )
      .execute();
    expect(movements.map((m) => [m.reason, m.source_type, m.on_hand_delta]).sort()).toEqual(
      [
        ['sale', 'sale_line', -1],
        ['sale', 'sale_line', -2],
        ['sale', 'sale_line', -3],
      ].sort(),
    );
  });

  it('records a sale once when the same id is submitted twice, one after the other or at the same moment', async () => {
    const salesBefore = await countRows(t.db, 'sales');
    const movementsBefore = await countRows(t.db, 'stock_movements');
    const body = threeLineSale();
    const first = await post(body);
    const again = await post(body);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());

    const racing = threeLineSale();
    const results = await Promise.all([post(racing), post(racing), post(racing)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 200, 201]);
    expect(new Set(results.map((r) => r.json().number)).size).toBe(1);
    expect(await countRows(t.db, 'sales')).toBe(salesBefore + 2);
    expect(await countRows(t.db, 'stock_movements')).toBe(movementsBefore + 6);
  });

  it('records concurrent sales independently: one that fails (a reused line id) does not undo the others', async () => {
    const earlier = threeLineSale();
    expect((await post(earlier)).statusCode).toBe(201);
    const salesBefore = await countRows(t.db, 'sales');
    const movementsBefore = await countRows(t.db, 'stock_movements');
    const bad = {
      ...threeLineSale(),
      lines: [{ ...earlier.lines[0]! }],
      payments: [{ method: 'cash', amountMinor: 500 }],
    };
    const bodies = [threeLineSale(), threeLineSale(), bad, threeLineSale(), threeLineSale()];
    const responses = await Promise.all(bodies.map((body) => post(body)));
    expect(responses.map((r) => r.statusCode)).toEqual([201, 201, 409, 201, 201]);
    expect(responses[2]!.json().error.code).toBe('SALE_LINE_ID_REUSED');
    expect(await countRows(t.db, 'sales')).toBe(salesBefore + 4);
    expect(await countRows(t.db, 'stock_movements')).toBe(movementsBefore + 12);
    const numbers = responses.filter((r) => r.statusCode === 201).map((r) => r.json().number);
    expect(new Set(numbers).size).toBe(4);
  });

  it('refuses a reused sale id with a different body with 409 SALE_ID_REUSED', async () => {
    const body = threeLineSale();
    expect((await post(body)).statusCode).toBe(201);
    const changed = {
      ...body,
      lines: body.lines.slice(0, 1),
      payments: [{ method: 'cash', amountMinor: 5000 }],
    };
    const response = await post(changed);
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('SALE_ID_REUSED');
  });

  it('takes a split tender of card and cash and gives the change from the cash', async () => {
    const response = await post({
      id: saleId(),
      registerId,
      lines: [{ id: lineId(), variantId: items[1]!.id, quantity: 1 }],
      payments: [
        { method: 'card', amountMinor: 1000 },
        { method: 'cash', amountMinor: 500 },
      ],
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      changeMinor: 201,
      payments: [
        { method: 'card', amountMinor: 1000 },
        { method: 'cash', amountMinor: 500 },
      ],
    });
  });

  it('refuses a tender short of the total with 400 and writes nothing', async () => {
    const salesBefore = await countRows(t.db, 'sales');
    const movementsBefore = await countRows(t.db, 'stock_movements');
    const body = { ...threeLineSale(), payments: [{ method: 'cash', amountMinor: 100 }] };
    const response = await post(body);
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'TENDER_SHORT', field: 'payments' });
    const cardOver = await post({ ...threeLineSale(), payments: [{ method: 'card', amountMinor: 999_999 }] });
    expect(cardOver.json().error.code).toBe('CARD_OVER_DUE');
    expect(await countRows(t.db, 'sales')).toBe(salesBefore);
    expect(await countRows(t.db, 'stock_movements')).toBe(movementsBefore);
  });

  it('ignores a price sent by the client: unknown fields are refused, the catalog price is charged', async () => {
    const body = threeLineSale();
    const withPrice = { ...body, lines: [{ ...body.lines[0]!, unitPriceMinor: 1 }] };
    const response = await post(withPrice);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.field).toBe('lines.0.unitPriceMinor');
  });

  it('refuses an unknown or inactive item naming the line', async () => {
    const inactive = await insertVariant(t.db, { priceMinor: 100, active: false });
    const response = await post({
      id: saleId(),
      registerId,
      lines: [{ id: lineId(), variantId: inactive.id, quantity: 1 }],
      payments: [{ method: 'cash', amountMinor: 100 }],
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'VARIANT_UNKNOWN', field: 'lines.0.variantId' });
  });

  it("refuses a cashier's discount over the limit without a manager's PIN, and accepts it with one", async () => {
    const manager = await staffWithPin(t.db, 'manager', '4321');
    const body = {
      id: saleId(),
      registerId,
      lines: [
        {
          id: lineId(),
          variantId: items[1]!.id,
          quantity: 1,
          discount: { kind: 'percent', basisPoints: 2500 },
        },
      ],
      payments: [{ method: 'cash', amountMinor: 1500 }],
    };
    const refused = await post(body);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('DISCOUNT_NEEDS_APPROVAL');
    const wrongPin = await post({ ...body, approval: { staffId: manager.id, pin: '0000' } });
    expect(wrongPin.statusCode).toBe(403);
    expect(wrongPin.json().error.code).toBe('PIN_INVALID');
    const approved = await post({ ...body, approval: { staffId: manager.id, pin: '4321' } });
    expect(approved.statusCode).toBe(201);
    expect(approved.json().lines[0].lineDiscountMinor).toBe(325);
    const withinLimit = await post({
      ...body,
      id: saleId(),
      lines: [{ ...body.lines[0]!, id: lineId(), discount: { kind: 'percent', basisPoints: 1000 } }],
    });
    expect(withinLimit.statusCode).toBe(201);
    const managerSelling = await post(
      { ...body, id: saleId(), lines: [{ ...body.lines[0]!, id: lineId() }] },
      'manager',
    );
    expect(managerSelling.statusCode).toBe(201);
  });

  it('finds a sale by id, by number and by search, with the shop details for the receipt', async () => {
    const created = (await post(threeLineSale())).json();
    const headers = await test.as('cashier');
    const byId = await test.app.inject({ method: 'GET', url: `/api/sales/${created.id}`, headers });
    expect(byId.json()).toEqual(created);
    const byNumber = await test.app.inject({
      method: 'GET',
      url: `/api/sales/by-number/${created.number}`,
      headers,
    });
    expect(byNumber.json().id).toBe(created.id);
    expect(byNumber.json().shop.name).toBe('My Shop');
    const search = await test.app.inject({ method: 'GET', url: `/api/sales?q=${created.number}`, headers });
    expect(search.json().items.map((s: { id: string }) => s.id)).toEqual([created.id]);
    const byText = await test.app.inject({
      method: 'GET',
      url: `/api/sales?q=${encodeURIComponent(created.lines[0].sku.toLowerCase())}`,
      headers,
    });
    expect(byText.json().items.map((s: { id: string }) => s.id)).toContain(created.id);
    const byReceiptBarcode = await test.app.inject({
      method: 'GET',
      url: `/api/sales?q=${created.id}`,
      headers,
    });
    expect(byReceiptBarcode.json().items.map((s: { id: string }) => s.id)).toEqual([created.id]);
    const page = await test.app.inject({ method: 'GET', url: '/api/sales?limit=2', headers });
    expect(page.json().items).toHaveLength(2);
    const next = await test.app.inject({
      method: 'GET',
      url: `/api/sales?limit=2&cursor=${page.json().nextCursor}`,
      headers,
    });
    expect(next.json().items[0].number).toBeLessThan(page.json().items[1].number);
    const missing = await test.app.inject({ method: 'GET', url: '/api/sales/by-number/1', headers });
    expect(missing.statusCode).toBe(404);
  });

  it('records the same totals the page computes, for random carts (page and server agree)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            price: fc.integer({ min: 0, max: 50_000 }),
            rate: fc.constantFrom(0, 500, 2000),
            quantity: fc.integer({ min: 1, max: 9 }),
            discountBp: fc.integer({ min: 0, max: 1000 }),
          }),
          { minLength: 1, maxLength: 4 },
        ),
        fc.integer({ min: 0, max: 300 }),
        fc.boolean(),
        async (lines, cartOff, pricesIncludeTax) => {
          await t.db.kysely
            .updateTable('shop_settings')
            .set({ prices_include_tax: pricesIncludeTax ? 1 : 0 })
            .execute();
          const variants = await Promise.all(
            lines.map((l) => insertVariant(t.db, { priceMinor: l.price, taxRateBp: l.rate })),
          );
          const cartDiscount = { kind: 'amount' as const, amountMinor: cartOff };
          const page = computeSaleTotals({
            lines: lines.map((l) => ({
              unitPriceMinor: l.price,
              quantity: l.quantity,
              taxRateBp: l.rate,
              discount: { kind: 'percent', basisPoints: l.discountBp },
            })),
            cartDiscount,
            pricesIncludeTax,
          });
          const response = await post(
            {
              id: saleId(),
              registerId,
              lines: lines.map((l, i) => ({
                id: lineId(),
                variantId: variants[i]!.id,
                quantity: l.quantity,
                discount: { kind: 'percent', basisPoints: l.discountBp },
              })),
              cartDiscount,
              payments: page.totalMinor > 0 ? [{ method: 'cash', amountMinor: page.totalMinor }] : [],
            },
            'manager',
          );
          expect(response.statusCode).toBe(201);
          const sale = response.json();
          expect(sale.totals.totalMinor).toBe(page.totalMinor);
          expect(sale.totals.taxBreakdown).toEqual(page.taxBreakdown);
          expect(
            sale.lines.map(
              (l: {
                lineDiscountMinor: number;
                cartDiscountMinor: number;
                taxMinor: number;
                totalMinor: number;
              }) => [l.lineDiscountMinor, l.cartDiscountMinor, l.taxMinor, l.totalMinor],
            ),
          ).toEqual(
            page.lines.map((l) => [l.lineDiscountMinor, l.cartDiscountMinor, l.taxMinor, l.totalMinor]),
          );
        },
      ),
      { numRuns: 15 },
    );
    await t.db.kysely.updateTable('shop_settings').set({ prices_include_tax: 1 }).execute();
  });
});
