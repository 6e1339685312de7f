import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { readConfig } from '../../../src/config/config.ts';
import type { Role } from '../../../src/core/permissions.ts';
import type { AppDeps } from '../../../src/server/app-deps.ts';
import { buildApp } from '../../../src/server/build-app.ts';
import { systemClock } from '../../../src/shared/clock.ts';
import { newId } from '../../../src/shared/ids.ts';
import { secretBoxFromKey } from '../../../src/shared/secret-box.ts';
import { createStaffMember } from '../../../src/staff/staff.service.ts';
import { createSqliteTestDatabase, type TestDatabase } from '../../support/test-databases.ts';

export const PASSWORD = 'correct horse battery';
export const PINS: Record<Role, string> = { owner: '1111', manager: '2222', cashier: '3333' };

export interface ShopServer {
  baseUrl: string;
  app: FastifyInstance;
  database: TestDatabase;
  staff: Record<Role, { id: string; email: string; displayName: string }>;
  /** JSON over HTTP to the running server as a staff member of the role; throws on a non-2xx answer. */
  api<T>(role: Role, method: string, path: string, body?: unknown): Promise<T>;
  /** The raw answer, for asserting refusals. */
  request(
    role: Role,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

/**
 * The real server on 127.0.0.1 (port chosen by the OS) over a fresh SQLite database, serving the built
 * web app from web/dist, with an owner, a manager and a cashier who each have a PIN.
 */
export async function startShopServer(): Promise<ShopServer> {
  const webRoot = resolve('web/dist');
  if (!existsSync(resolve(webRoot, 'index.html'))) {
    throw new Error('web/dist is missing: run `npm run build:web` first (`npm test` does)');
  }
  const database = await createSqliteTestDatabase();
  const deps: AppDeps = {
    db: database.db,
    clock: systemClock,
    newId,
    config: readConfig({ DATA_DIR: '/tmp/tillsync-test-unused' }),
    secretBox: secretBoxFromKey(randomBytes(32)),
  };
  const app = await buildApp(deps, { logLevel: false, webRoot });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

  const staff = {} as ShopServer['staff'];
  const cookies = {} as Record<Role, string>;
  for (const role of ['owner', 'manager', 'cashier'] as const) {
    const email = `${role}@shop.test`;
    const displayName = { owner: 'Olive Owner', manager: 'Manny Manager', cashier: 'Cass Cashier' }[role];
    const member = await createStaffMember(database.db.kysely, deps, {
      email,
      displayName,
      role,
      password: PASSWORD,
      pin: PINS[role],
    });
    staff[role] = { id: member.id, email, displayName };
    const login = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    if (!login.ok) throw new Error(`seed login failed for ${role}: ${login.status} ${await login.text()}`);
    cookies[role] = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  }

  const request: ShopServer['request'] = async (role, method, path, body) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        cookie: cookies[role],
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };

  return {
    baseUrl,
    app,
    database,
    staff,
    request,
    async api<T>(role: Role, method: string, path: string, body?: unknown) {
      const answer = await request(role, method, path, body);
      if (answer.status >= 300) {
        throw new Error(`${method} ${path} as ${role} → ${answer.status} ${JSON.stringify(answer.body)}`);
      }
      return answer.body as T;
    },
    async close() {
      await app.close();
      await database.drop();
    },
  };
}
