import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { readConfig } from '../../src/config/config.ts';
import type { Role } from '../../src/core/permissions.ts';
import type { Db } from '../../src/db/database.ts';
import type { AppDeps } from '../../src/server/app-deps.ts';
import { SESSION_COOKIE } from '../../src/server/authenticate.ts';
import { buildApp } from '../../src/server/build-app.ts';
import { systemClock } from '../../src/shared/clock.ts';
import { newId } from '../../src/shared/ids.ts';
import { secretBoxFromKey } from '../../src/shared/secret-box.ts';
import { createSession } from '../../src/staff/session.service.ts';
import { createStaffMember } from '../../src/staff/staff.service.ts';

export interface TestApp {
  app: FastifyInstance;
  deps: AppDeps;
  /** Cookie headers for a staff member of each role, created once per app. */
  as(role: Role): Promise<{ cookie: string }>;
}

/** The real HTTP app over a real test database, driven with `app.inject`. */
export async function createTestApp(
  db: Db,
  options: { webRoot?: string | undefined; secretKeyHex?: string | undefined } = {},
): Promise<TestApp> {
  const deps: AppDeps = {
    db,
    clock: systemClock,
    newId,
    config: readConfig({ DATA_DIR: '/tmp/tillsync-test-unused' }),
    secretBox: secretBoxFromKey(
      options.secretKeyHex ? Buffer.from(options.secretKeyHex, 'hex') : randomBytes(32),
    ),
  };
  const app = await buildApp(deps, { logLevel: false, webRoot: options.webRoot ?? '/nonexistent' });
  const cookies = new Map<Role, string>();
  return {
    app,
    deps,
    async as(role) {
      let cookie = cookies.get(role);
      if (!cookie) {
        const staff = await createStaffMember(db.kysely, deps, {
          email: `${role}-${newId('usr').slice(-8).toLowerCase()}@test.local`,
          displayName: `Test ${role}`,
          role,
          password: 'correct horse battery',
        });
        const { token } = await createSession(db.kysely, deps, staff.id);
        cookie = `${SESSION_COOKIE}=${token}`;
        cookies.set(role, cookie);
      }
      return { cookie };
    },
  };
}
