import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { type Db, type Dialect, openPostgres, openSqlite } from '../../src/db/database.ts';
import { migrateOrThrow } from '../../src/db/migrate.ts';

/**
 * Runs the same cases against every real database: SQLite always, PostgreSQL whenever one answers
 * (CI sets TILLSYNC_REQUIRE_POSTGRES=1, so there an unreachable server fails instead of skipping).
 * Each suite gets a fresh, migrated database of its own, dropped afterwards.
 */
export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://root@127.0.0.1:5432/postgres';

let postgresReachable: Promise<boolean> | undefined;
export function isPostgresReachable(): Promise<boolean> {
  postgresReachable ??= (async () => {
    const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.end();
      return true;
    } catch {
      return false;
    }
  })();
  return postgresReachable;
}

export interface TestDatabase {
  db: Db;
  /** The URL or file a second process can open the same database with. */
  connection: { dialect: Dialect; databaseUrl?: string; file?: string };
  drop(): Promise<void>;
}

export async function createSqliteTestDatabase(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'tillsync-test-'));
  const file = join(dir, 'test.sqlite');
  const db = openSqlite(file);
  await migrateOrThrow(db);
  return {
    db,
    connection: { dialect: 'sqlite', file },
    drop: async () => {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function createPostgresTestDatabase(): Promise<TestDatabase> {
  const name = `tillsync_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  const db = openPostgres(url.toString());
  await migrateOrThrow(db);
  return {
    db,
    connection: { dialect: 'postgres', databaseUrl: url.toString() },
    drop: async () => {
      await db.close();
      const cleanup = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await cleanup.connect();
      // pg's Pool.end() resolves before its sockets are closed; a forced drop would then kill live
      // backends and surface "terminating connection" as an uncaught error. Wait for them to leave.
      for (let i = 0; i < 50; i++) {
        const { rows } = await cleanup.query(
          'select count(*)::int as n from pg_stat_activity where datname = $1',
          [name],
        );
        if (rows[0]?.n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

const postgresRequired = process.env.TILLSYNC_REQUIRE_POSTGRES === '1';
const postgresAvailable = postgresRequired || (await isPostgresReachable());

/**
 * `describeEachDatabase('ledger', (t) => { it('…', async () => { t.db.kysely… }) })` runs the block
 * once per database. Where PostgreSQL is not reachable (and not required) its block is skipped and
 * says so in its name.
 */
export function describeEachDatabase(
  title: string,
  body: (t: { readonly db: Db; readonly test: TestDatabase }) => void,
) {
  for (const dialect of ['sqlite', 'postgres'] as const) {
    const skip = dialect === 'postgres' && !postgresAvailable;
    const suite = skip ? describe.skip : describe;
    suite(`${title} [${dialect}${skip ? ': skipped, PostgreSQL not reachable' : ''}]`, () => {
      let current: TestDatabase | undefined;
      beforeAll(async () => {
        current =
          dialect === 'sqlite' ? await createSqliteTestDatabase() : await createPostgresTestDatabase();
      });
      afterAll(async () => {
        await current?.drop();
      });
      body({
        get db() {
          if (!current) throw new Error('test database not ready');
          return current.db;
        },
        get test() {
          if (!current) throw new Error('test database not ready');
          return current;
        },
      });
    });
  }
}
