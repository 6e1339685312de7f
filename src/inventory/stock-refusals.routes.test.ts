import { expect, it } from 'vitest';
import { insertTestVariant } from '../../tests/support/catalog-fixtures.ts';
import { countMovements, createStockShop } from '../../tests/support/stock-shop.ts';
import { describeEachDatabase } from '../../tests/support/test-databases.ts';
import { verifyLevelsAgainstLedger } from './ledger-check.ts';

describeEachDatabase('stock API refusals', (t) => {
  const shop = () => createStockShop(t.db);
  const movementCount = () => countMovements(t.db);

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

  it('leaves every level equal to the sum of its movements', async () => {
    expect(await verifyLevelsAgainstLedger(t.db.kysely)).toEqual([]);
  });
});
