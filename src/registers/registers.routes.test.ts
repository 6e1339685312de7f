import { expect, it } from 'vitest';
import { insertLocation } from '../../tests/support/sales-fixtures.ts';
import { createTestApp } from '../../tests/support/test-app.ts';
import { describeEachDatabase } from '../../tests/support/test-databases.ts';
import { ensureDefaultRegister } from './registers.repository.ts';

describeEachDatabase('registers', (t) => {
  it('creates "Till 1" at the first location once there is one, and only once', async () => {
    const { deps } = await createTestApp(t.db);
    expect(await ensureDefaultRegister(t.db.kysely, deps)).toBeNull();
    const locationId = await insertLocation(t.db, 'Main shop');
    const first = await ensureDefaultRegister(t.db.kysely, deps);
    expect(first).toMatchObject({ name: 'Till 1', locationId });
    expect(await ensureDefaultRegister(t.db.kysely, deps)).toEqual(first);
  });

  it('lets a manager add a till at a location; a cashier may list but not add', async () => {
    const { app, as } = await createTestApp(t.db);
    const locationId = await insertLocation(t.db);
    const refused = await app.inject({
      method: 'POST',
      url: '/api/registers',
      headers: await as('cashier'),
      payload: { name: 'Till 2', locationId },
    });
    expect(refused.statusCode).toBe(403);
    const created = await app.inject({
      method: 'POST',
      url: '/api/registers',
      headers: await as('manager'),
      payload: { name: 'Till 2', locationId },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().id).toMatch(/^reg_/);
    const unknownLocation = await app.inject({
      method: 'POST',
      url: '/api/registers',
      headers: await as('manager'),
      payload: { name: 'Till 3', locationId: 'loc_nope' },
    });
    expect(unknownLocation.statusCode).toBe(400);
    expect(unknownLocation.json().error.field).toBe('locationId');
    const list = await app.inject({ method: 'GET', url: '/api/registers', headers: await as('cashier') });
    expect(list.json().map((r: { name: string }) => r.name)).toContain('Till 2');
  });
});
