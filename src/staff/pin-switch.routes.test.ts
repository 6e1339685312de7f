import { expect, it } from 'vitest';
import { staffWithPin } from '../../tests/support/sales-fixtures.ts';
import { createTestApp } from '../../tests/support/test-app.ts';
import { describeEachDatabase } from '../../tests/support/test-databases.ts';
import { MAX_FAILURES_PER_WINDOW } from './session.service.ts';

describeEachDatabase('switching cashier by PIN', (t) => {
  it('gives the PIN owner a new session and ends the previous one', async () => {
    const { app, as } = await createTestApp(t.db);
    const ben = await staffWithPin(t.db, 'cashier', '2580');
    const { cookie } = await as('cashier');
    const switched = await app.inject({
      method: 'POST',
      url: '/api/auth/pin-switch',
      headers: { cookie },
      payload: { staffId: ben.id, pin: '2580' },
    });
    expect(switched.statusCode).toBe(200);
    expect(switched.json().staff.id).toBe(ben.id);
    const newCookie = String(switched.headers['set-cookie']).split(';')[0]!;
    expect(String(switched.headers['set-cookie'])).toMatch(/HttpOnly/);
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: newCookie } });
    expect(me.json().id).toBe(ben.id);
    const old = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(old.statusCode).toBe(401);
  });

  it('refuses a wrong PIN, throttles repeated failures even with the right PIN, and needs a signed-in till', async () => {
    const { app, as } = await createTestApp(t.db);
    const cara = await staffWithPin(t.db, 'cashier', '1111');
    const anonymous = await app.inject({
      method: 'POST',
      url: '/api/auth/pin-switch',
      payload: { staffId: cara.id, pin: '1111' },
    });
    expect(anonymous.statusCode).toBe(401);
    const headers = await as('manager');
    for (let i = 0; i < MAX_FAILURES_PER_WINDOW; i++) {
      const wrong = await app.inject({
        method: 'POST',
        url: '/api/auth/pin-switch',
        headers,
        payload: { staffId: cara.id, pin: '9999' },
      });
      expect(wrong.statusCode).toBe(403);
      expect(wrong.json().error.code).toBe('PIN_INVALID');
    }
    const blocked = await app.inject({
      method: 'POST',
      url: '/api/auth/pin-switch',
      headers,
      payload: { staffId: cara.id, pin: '1111' },
    });
    expect(blocked.statusCode).toBe(429);
  });

  it('lists, to a signed-in till, the active staff who have a PIN: names and roles only', async () => {
    const { app, as } = await createTestApp(t.db);
    const withPin = await staffWithPin(t.db, 'manager', '4321');
    const leaver = await staffWithPin(t.db, 'cashier', '1234');
    await t.db.kysely.updateTable('staff_members').set({ active: 0 }).where('id', '=', leaver.id).execute();
    const anonymous = await app.inject({ method: 'GET', url: '/api/auth/pin-staff' });
    expect(anonymous.statusCode).toBe(401);
    const { cookie } = await as('cashier');
    const listed = await app.inject({ method: 'GET', url: '/api/auth/pin-staff', headers: { cookie } });
    expect(listed.statusCode).toBe(200);
    const choices = listed.json() as Array<Record<string, unknown>>;
    expect(choices.map((c) => c.id)).toContain(withPin.id);
    expect(choices.map((c) => c.id)).not.toContain(leaver.id);
    expect(choices.every((c) => Object.keys(c).sort().join() === 'displayName,id,role')).toBe(true);
  });
});
