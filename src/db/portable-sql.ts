import type { Dialect } from './database.ts';

/**
 * The few column types that differ between SQLite and PostgreSQL. Migrations use these so one set of
 * migration files serves both databases.
 */
export function autoIncrementPrimaryKey(dialect: Dialect): 'integer' | 'bigserial' {
  return dialect === 'postgres' ? 'bigserial' : 'integer';
}

/** True when a database error is a unique-constraint violation, on either database. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** Which database a migration runs on, read from the Kysely instance it is handed. */
export function dialectOf(db: { getExecutor(): { adapter: { constructor: { name: string } } } }): Dialect {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter' ? 'postgres' : 'sqlite';
}
