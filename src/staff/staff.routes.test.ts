import { expect, it } from 'vitest';
import { createTestApp } from '../../tests/support/test-app.ts';
import { describeEachDatabase } from '../../tests/support/test-databases.ts';
import { systemClock } from '../shared/clock.ts';
import { newId } from '../shared/ids.ts';
import { MAX_FAILURES_PER_WINDOW } from './session.service.ts';
import { createStaffMember } from './staff.service.ts';

describeEachDatabase('staff and sign-in', (t) => {
  it('signs in with the right password, sets an HttpOnly SameSite cookie, and knows who is signed in', async () => {
    const { app } = await createTestApp(t.db);
    await createStaffMember(
      t.db.kysely,
      { clock: systemClock, newId },
      {
        email: 'Ann@Shop.test',
        displayName: 'Ann',
        role: 'manager',
        password: 'a long enough password',
      },
    );
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'ann@shop.test', password: 'a long enough password' },
    });
    expect(login.statusCode).toBe(200);
    const setCookie = String(login.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    const cookie = setCookie.split(';')[0]!;
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.json()).toMatchObject({ email: 'ann@shop.test', role: 'manager' });

    const out = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect(out.statusCode).toBe(200);
    const after = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(after.statusCode).toBe(401);
  });

  it('stores only a scrypt hash of the password', async () => {
    const row = await t.db.kysely
      .selectFrom('staff_members')
      .selectAll()
      .where('email', '=', 'ann@shop.test')
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^scrypt\$/);
    expect(row.password_hash).not.toContain('a long enough password');
  });

  it('refuses a wrong password, and throttles after repeated failures even with the right one', async () => {
    const { app } = await createTestApp(t.db);
    for (let i = 0; i < MAX_FAILURES_PER_WINDOW; i++) {
      const bad = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'ann@shop.test', password: 'wrong password' },
      });
      expect(bad.statusCode).toBe(401);
      expect(bad.json().error.code).toBe('BAD_CREDENTIALS');
    }
    const blocked = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'ann@shop.test', password: 'a long enough password' },
    });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('TOO_MANY_ATTEMPTS');
  });

  it('lets only the owner add staff; a manager and a cashier are refused by the server', async () => {
    const { app, as } = await createTestApp(t.db);
    const payload = {
      email: 'new@shop.test',
      displayName: 'New',
      role: 'cashier',
      password: 'another long password',
    };
    for (const role of ['cashier', 'manager'] as const) {
      const refused = await app.inject({
        method: 'POST',
        url: '/api/staff',
        payload,
        headers: await as(role),
      });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.code).toBe('FORBIDDEN');
    }
    const anonymous = await app.inject({ method: 'POST', url: '/api/staff', payload });
    expect(anonymous.statusCode).toBe(401);
    const created = await app.inject({
      method: 'POST',
      url: '/api/staff',
      payload,
      headers: await as('owner'),
    });
    expect(created.statusCode).toBe(201);
    const duplicate = await app.inject({
      method: 'POST',
      url: '/api/staff',
      payload,
      headers: await as('owner'),
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error).toMatchObject({ code: 'EMAIL_TAKEN', field: 'email' });
  });

  it('answers unknown or mistyped fields with 400 naming the field, and writes nothing', async () => {
    const { app, as } = await createTestApp(t.db);
    const headers = await as('owner');
    const before = await t.db.kysely
      .selectFrom('staff_members')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/staff',
      headers,
      payload: {
        email: 'x@shop.test',
        displayName: 'X',
        role: 'cashier',
        password: 'long password here',
        admin: true,
      },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.field).toBe('admin');
    const wrongRole = await app.inject({
      method: 'POST',
      url: '/api/staff',
      headers,
      payload: { email: 'x@shop.test', displayName: 'X', role: 'god', password: 'long password here' },
    });
    expect(wrongRole.statusCode).toBe(400);
    expect(wrongRole.json().error.field).toBe('role');
    const after = await t.db.kysely
      .selectFrom('staff_members')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('works with an API token for scripts', async () => {
    const { app, as } = await createTestApp(t.db);
    const created = await app.inject({
      method: 'POST',
      url: '/api/staff/tokens',
      headers: await as('owner'),
      payload: { name: 'script' },
    });
    expect(created.statusCode).toBe(201);
    const { token } = created.json();
    const list = await app.inject({
      method: 'GET',
      url: '/api/staff',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(list.statusCode).toBe(200);
    const forged = await app.inject({
      method: 'GET',
      url: '/api/staff',
      headers: { authorization: 'Bearer tsk_forged' },
    });
    expect(forged.statusCode).toBe(401);
  });
});
