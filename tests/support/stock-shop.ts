import type { Db } from '../../src/db/database.ts';
import { newId } from '../../src/shared/ids.ts';
import { createTestApp } from './test-app.ts';

/** The app under test with a signed-in manager and short-hands for the stock API. */
export async function createStockShop(db: Db) {
  const testApp = await createTestApp(db);
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

export async function countMovements(db: Db): Promise<number> {
  const row = await db.kysely
    .selectFrom('stock_movements')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
