import { expect, it } from 'vitest';
import { createTestApp } from '../../tests/support/test-app.ts';
import { describeEachDatabase } from '../../tests/support/test-databases.ts';
import { systemClock } from '../shared/clock.ts';
import { newId } from '../shared/ids.ts';
import { createLocation, DEFAULT_LOCATION_NAME, ensureDefaultLocation } from './location.service.ts';

describeEachDatabase('locations', (t) => {
  it('creates "Shop floor" when the shop has no location, and only then', async () => {
    const deps = { clock: systemClock, newId };
    const created = await ensureDefaultLocation(t.db.kysely, deps);
    expect(created).toMatchObject({ name: DEFAULT_LOCATION_NAME, active: true });
    expect(await ensureDefaultLocation(t.db.kysely, deps)).toBeNull();
    const rows = await t.db.kysely.selectFrom('locations').select('name').execute();
    expect(rows).toEqual([{ name: DEFAULT_LOCATION_NAME }]);
  });

  it('lets a manager add, rename and deactivate locations, and everyone list them', async () => {
    const { app, as } = await createTestApp(t.db);
    const manager = await as('manager');
    const created = await app.inject({
      method: 'POST',
      url: '/api/locations',
      headers: manager,
      payload: { name: '  Back room ' },
    });
    expect(created.statusCode).toBe(201);
    const { id } = created.json();
    expect(created.json()).toEqual({ id, name: 'Back room', active: true });

    const renamed = await app.inject({
      method: 'PATCH',
      url: `/api/locations/${id}`,
      headers: manager,
      payload: { name: 'Stock room', active: false },
    });
    expect(renamed.json()).toEqual({ id, name: 'Stock room', active: false });

    const listed = await app.inject({ method: 'GET', url: '/api/locations', headers: await as('cashier') });
    expect(listed.statusCode).toBe(200);
    expect(listed.json()).toContainEqual({ id, name: 'Stock room', active: false });
  });

  it('refuses a name already in use, whatever its case, with 409 LOCATION_NAME_TAKEN', async () => {
    const { app, as } = await createTestApp(t.db);
    const manager = await as('manager');
    const taken = await app.inject({
      method: 'POST',
      url: '/api/locations',
      headers: manager,
      payload: { name: 'shop FLOOR' },
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error).toMatchObject({ code: 'LOCATION_NAME_TAKEN', field: 'name' });
    const other = await app.inject({
      method: 'POST',
      url: '/api/locations',
      headers: manager,
      payload: { name: 'Window' },
    });
    const rename = await app.inject({
      method: 'PATCH',
      url: `/api/locations/${other.json().id}`,
      headers: manager,
      payload: { name: 'Shop floor' },
    });
    expect(rename.statusCode).toBe(409);
  });

  it('lets only one of two names differing in case win when created at the same moment', async () => {
    const deps = { clock: systemClock, newId };
    const results = await Promise.allSettled([
      createLocation(t.db.kysely, deps, { name: 'Yard' }),
      createLocation(t.db.kysely, deps, { name: 'yard' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: 'LOCATION_NAME_TAKEN', field: 'name' });
  });

  it('refuses a blank name, unknown fields, an unknown id, and a cashier', async () => {
    const { app, as } = await createTestApp(t.db);
    const manager = await as('manager');
    const blank = await app.inject({
      method: 'POST',
      url: '/api/locations',
      headers: manager,
      payload: { name: '   ' },
    });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().error.field).toBe('name');
    const extra = await app.inject({
      method: 'POST',
      url: '/api/locations',
      headers: manager,
      payload: { name: 'X', colour: 'red' },
    });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().error.field).toBe('colour');
    const missing = await app.inject({
      method: 'PATCH',
      url: '/api/locations/loc_nope',
      headers: manager,
      payload: { active: false },
    });
    expect(missing.statusCode).toBe(404);
    const cashier = await app.inject({
      method: 'POST',
      url: '/api/locations',
      headers: await as('cashier'),
      payload: { name: 'Till drawer' },
    });
    expect(cashier.statusCode).toBe(403);
    const anonymous = await app.inject({ method: 'GET', url: '/api/locations' });
    expect(anonymous.statusCode).toBe(401);
    const names = (await t.db.kysely.selectFrom('locations').select('name').execute()).map((r) => r.name);
    expect(names).not.toContain('X');
    expect(names).not.toContain('Till drawer');
  });
});
