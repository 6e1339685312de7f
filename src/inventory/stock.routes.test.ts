import { expect, it } from 'vitest';
import { insertTestVariant } from '../../tests/support/catalog-fixtures.ts';
import { createTestApp } from '../../tests/support/test-app.ts';
import { describeEachDatabase } from '../../tests/support/test-databases.ts';
import { newId } from '../shared/ids.ts';
import { verifyLevelsAgainstLedger } from './ledger-check.ts';

describeEachDatabase('stock documents over HTTP', (t) => {
  async function shop() {
    const testApp = await createTestApp(t.db);
    const manager = await testApp.as('manager');
    const addLocation = async (name: string) => {
      const res = await testApp.app.inject({
        method: 'POST',
        url: '/api/locations',
        headers: manager,
        payload: { name: `${name} ${newId('loc').slice(-6)}` },
      });
      return res.json().id as string;
    };
    const post = (url: string, payload: unknown, headers = manager) =>
      testApp.app.inject({ method: 'POST', url, headers, payload: payload as object });
    const levelOf = async (variantId: string, locationId: string) => {
      const res = await testApp.app.inject({
        method: 'GET',
        url: `/api/stock/levels?variantId=${variantId}&locationId=${locationId}`,
        headers: manager,
      });
      return res.json()[0] ?? null;
    };
    return { ...testApp, manager, addLocation, post, levelOf };
  }
  const movementCount = async () =>
    Number(
      (
        await t.db.kysely
          .selectFrom('stock_movements')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

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

  it('allows negative stock and lists it as low, with variants at or below their threshold', async () => {
    const { app, post, addLocation, manager, as } = await shop();
    const loc = await addLocation('Shop');
    const oversold = await insertTestVariant(t.db.kysely, { productName: 'Oversold mug' });
    const low = await insertTestVariant(t.db.kysely, { lowStockThreshold: 3, barcodeKey: '05012345678900' });
    const plenty = await insertTestVariant(t.db.kysely, { lowStockThreshold: 3 });
    const untouched = await insertTestVariant(t.db.kysely, { lowStockThreshold: 1 });
    await post('/api/stock/receipts', {
      locationId: loc,
      lines: [
        { variantId: low, quantity: 3 },
        { variantId: plenty, quantity: 4 },
      ],
    });
    const sold = await post('/api/stock/adjustments', {
      locationId: loc,
      variantId: oversold,
      delta: -2,
      reason: 'sold before receipt',
    });
    expect(sold.statusCode).toBe(201);

    const res = await app.inject({
      method: 'GET',
      url: `/api/stock/low?locationId=${loc}`,
      headers: await as('cashier'),
    });
    expect(res.statusCode).toBe(200);
    const rows = res.json() as {
      variant: { id: string; gtin: string | null; productName: string };
      onHand: number;
      threshold: number | null;
    }[];
    const ids = rows.map((r) => r.variant.id);
    expect(ids).toContain(oversold);
    expect(ids).toContain(low);
    expect(ids).toContain(untouched);
    expect(ids).not.toContain(plenty);
    expect(rows[0]).toMatchObject({
      variant: { id: oversold, productName: 'Oversold mug' },
      onHand: -2,
      threshold: null,
    });
    expect(rows.find((r) => r.variant.id === low)).toMatchObject({
      onHand: 3,
      threshold: 3,
      variant: { gtin: '05012345678900' },
    });
    expect(rows.find((r) => r.variant.id === untouched)).toMatchObject({ onHand: 0, threshold: 1 });
    expect(manager.cookie).toBeTruthy();
  });

  it('refuses every stock change from a cashier (403) while a manager and the owner succeed', async () => {
    const { post, addLocation, as } = await shop();
    const a = await addLocation('Shop');
    const b = await addLocation('Store');
    const v = await insertTestVariant(t.db.kysely);
    const requests: [string, unknown][] = [
      ['/api/stock/receipts', { locationId: a, lines: [{ variantId: v, quantity: 2 }] }],
      ['/api/stock/adjustments', { locationId: a, variantId: v, delta: 1, reason: 'found one' }],
      ['/api/stock/counts', { locationId: a, lines: [{ variantId: v, counted: 1 }] }],
      [
        '/api/stock/transfers',
        { fromLocationId: a, toLocationId: b, lines: [{ variantId: v, quantity: 1 }] },
      ],
    ];
    const cashier = await as('cashier');
    const before = await movementCount();
    for (const [url, payload] of requests) {
      const refused = await post(url, payload, cashier);
      expect(refused.statusCode, url).toBe(403);
      expect(refused.json().error.code).toBe('FORBIDDEN');
    }
    expect(await movementCount()).toBe(before);
    for (const role of ['manager', 'owner'] as const) {
      for (const [url, payload] of requests) {
        expect((await post(url, payload, await as(role))).statusCode, `${role} ${url}`).toBe(201);
      }
    }
  });

  it('refuses each kind of bad input, naming the field, and leaves the database unchanged', async () => {
    const { post, addLocation, levelOf } = await shop();
    const loc = await addLocation('Shop');
    const other = await addLocation('Store');
    const v = await insertTestVariant(t.db.kysely);
    await post('/api/stock/receipts', { locationId: loc, lines: [{ variantId: v, quantity: 3 }] });
    const line = (quantity: unknown) => ({ locationId: loc, lines: [{ variantId: v, quantity }] });
    const cases: [string, string, unknown, number, string][] = [
      ['negative quantity', '/api/stock/receipts', line(-1), 400, 'lines.0.quantity'],
      ['zero quantity', '/api/stock/receipts', line(0), 400, 'lines.0.quantity'],
      ['huge quantity', '/api/stock/receipts', line(1e12), 400, 'lines.0.quantity'],
      ['fractional quantity', '/api/stock/receipts', line(1.5), 400, 'lines.0.quantity'],
      ['string quantity', '/api/stock/receipts', line('5'), 400, 'lines.0.quantity'],
      ['unknown field', '/api/stock/receipts', { ...line(1), supplier: 'ACME' }, 400, 'supplier'],
      [
        'unknown line field',
        '/api/stock/receipts',
        { locationId: loc, lines: [{ variantId: v, quantity: 1, cost: 5 }] },
        400,
        'lines.0.cost',
      ],
      ['no lines', '/api/stock/receipts', { locationId: loc, lines: [] }, 400, 'lines'],
      [
        'unknown variant on a later line',
        '/api/stock/receipts',
        {
          locationId: loc,
          lines: [
            { variantId: v, quantity: 1 },
            { variantId: 'var_nope', quantity: 1 },
          ],
        },
        404,
        'lines.1.variantId',
      ],
      ['unknown location', '/api/stock/receipts', { ...line(1), locationId: 'loc_nope' }, 404, 'locationId'],
      [
        'same variant twice',
        '/api/stock/receipts',
        {
          locationId: loc,
          lines: [
            { variantId: v, quantity: 1 },
            { variantId: v, quantity: 1 },
          ],
        },
        400,
        'lines.1.variantId',
      ],
      [
        'blank reason',
        '/api/stock/adjustments',
        { locationId: loc, variantId: v, delta: 2, reason: '   ' },
        400,
        'reason',
      ],
      [
        'missing reason',
        '/api/stock/adjustments',
        { locationId: loc, variantId: v, delta: 2 },
        400,
        'reason',
      ],
      [
        'zero delta',
        '/api/stock/adjustments',
        { locationId: loc, variantId: v, delta: 0, reason: 'x' },
        400,
        'delta',
      ],
      [
        'huge delta',
        '/api/stock/adjustments',
        { locationId: loc, variantId: v, delta: -1e12, reason: 'x' },
        400,
        'delta',
      ],
      [
        'unknown variant',
        '/api/stock/adjustments',
        { locationId: loc, variantId: 'var_nope', delta: 1, reason: 'x' },
        404,
        'variantId',
      ],
      [
        'negative count',
        '/api/stock/counts',
        { locationId: loc, lines: [{ variantId: v, counted: -1 }] },
        400,
        'lines.0.counted',
      ],
      [
        'string count',
        '/api/stock/counts',
        { locationId: loc, lines: [{ variantId: v, counted: '4' }] },
        400,
        'lines.0.counted',
      ],
      [
        'count of an unknown variant',
        '/api/stock/counts',
        {
          locationId: loc,
          lines: [
            { variantId: v, counted: 9 },
            { variantId: 'var_nope', counted: 1 },
          ],
        },
        404,
        'lines.1.variantId',
      ],
      [
        'transfer to the same location',
        '/api/stock/transfers',
        { fromLocationId: loc, toLocationId: loc, lines: [{ variantId: v, quantity: 1 }] },
        400,
        'toLocationId',
      ],
      [
        'transfer from an unknown location',
        '/api/stock/transfers',
        { fromLocationId: 'loc_nope', toLocationId: other, lines: [{ variantId: v, quantity: 1 }] },
        404,
        'fromLocationId',
      ],
    ];
    const before = await movementCount();
    for (const [name, url, payload, status, field] of cases) {
      const res = await post(url, payload);
      expect(res.statusCode, name).toBe(status);
      expect(res.json().error.field, name).toBe(field);
    }
    expect(await movementCount()).toBe(before);
    expect(await levelOf(v, loc)).toMatchObject({ onHand: 3 });
    expect(await levelOf(v, other)).toBeNull();
  });

  it('pages the movement history newest first, with location and actor names', async () => {
    const { app, post, addLocation, manager } = await shop();
    const loc = await addLocation('Shop');
    const v = await insertTestVariant(t.db.kysely);
    for (let i = 1; i <= 5; i++) {
      await post('/api/stock/adjustments', { locationId: loc, variantId: v, delta: i, reason: `step ${i}` });
    }
    const seen: { id: string; note: string }[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `/api/stock/movements?variantId=${v}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await app.inject({ method: 'GET', url: query, headers: manager });
      expect(res.statusCode).toBe(200);
      const page = res.json() as {
        items: { id: string; note: string; locationName: string; actorName: string }[];
        nextCursor: string | null;
      };
      for (const item of page.items) {
        expect(item.locationName).toMatch(/^Shop /);
        expect(item.actorName).toBe('Test manager');
        seen.push(item);
      }
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    // Newest first by id (ulid: time order to the millisecond); every movement exactly once across pages.
    const ids = seen.map((m) => m.id);
    expect(ids).toEqual([...ids].sort().reverse());
    expect(new Set(ids).size).toBe(5);
    expect(seen.map((m) => m.note).sort()).toEqual(['step 1', 'step 2', 'step 3', 'step 4', 'step 5']);
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

  it('keeps every level equal to the sum of its movements after all of the above, and says so to a manager', async () => {
    expect(await verifyLevelsAgainstLedger(t.db.kysely)).toEqual([]);
    const { app, as } = await shop();
    const check = await app.inject({
      method: 'GET',
      url: '/api/stock/ledger-check',
      headers: await as('manager'),
    });
    expect(check.json()).toEqual({ consistent: true, differences: [] });
    const cashier = await app.inject({
      method: 'GET',
      url: '/api/stock/ledger-check',
      headers: await as('cashier'),
    });
    expect(cashier.statusCode).toBe(403);
  });
});
