import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';

export type Dialect = 'sqlite' | 'postgres';

export interface Db {
  kysely: Kysely<Database>;
  dialect: Dialect;
  /** Where the data lives, for logs: a file path or the PostgreSQL URL without its password. */
  location: string;
  close(): Promise<void>;
}

// PostgreSQL returns int8 (bigint) and COUNT(*) as strings; our integers (minor units, quantities)
// stay far below 2^53, so read them as numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10));

export function openSqlite(file: string): Db {
  if (file !== ':memory:') mkdirSync(join(file, '..'), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  // WAL lets the lookups read while a sale writes; synchronous=FULL makes every commit durable
  // through a power cut, which a till needs more than the last few percent of write speed.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const kysely = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
  });
  return { kysely, dialect: 'sqlite', location: file, close: () => kysely.destroy() };
}

/**
 * Kysely's SQLite driver prepares every query afresh; preparing cost more CPU than running a scan
 * lookup. Statements are reused by their SQL text (bounded, so ad-hoc SQL cannot grow it forever).
 * Safe because the driver runs each statement to completion synchronously; a streamed query would
 * hold its statement busy, so do not use `.stream()` on SQLite with this cache.
 */
function withStatementCache(sqlite: SqliteDatabase.Database) {
  const statements = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sqlText: string) {
      let statement = statements.get(sqlText);
      if (!statement) {
        if (statements.size >= 500) statements.clear();
        statement = sqlite.prepare(sqlText);
        statements.set(sqlText, statement);
      }
      return statement;
    },
  };
}

export function openPostgres(url: string, maxConnections = 10): Db {
  const pool = new pg.Pool({ connectionString: url, max: maxConnections });
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { kysely, dialect: 'postgres', location: redactUrl(url), close: () => kysely.destroy() };
}

/** SQLite under dataDir unless a PostgreSQL URL is given. */
export function openDatabase(options: { databaseUrl: string | undefined; dataDir: string }): Db {
  return options.databaseUrl
    ? openPostgres(options.databaseUrl)
    : openSqlite(join(options.dataDir, 'tillsync.sqlite'));
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}
