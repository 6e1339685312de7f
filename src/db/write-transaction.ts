import { type Kysely, sql } from 'kysely';
import type { Db } from './database.ts';
import type { Database } from './schema.ts';

/**
 * Runs `work` in a transaction that holds the write lock from its first statement.
 *
 * PostgreSQL: an ordinary READ COMMITTED transaction; code that reads-then-writes a level takes row
 * locks itself (`SELECT … FOR UPDATE`), and `recordMovements` writes level rows in lock order.
 *
 * SQLite: Kysely begins transactions DEFERRED. Within one process that is already serial (better-sqlite3
 * has one connection and Kysely's driver holds a mutex on it for the whole transaction), but a second
 * process on the same file could slip a write between our read and our write; SQLite would then fail
 * our write with SQLITE_BUSY_SNAPSHOT, which `busy_timeout` does not retry. `BEGIN IMMEDIATE` takes the
 * write lock up front (waiting up to busy_timeout), so a count's read of on_hand cannot go stale.
 *
 * Inside `work`, use only `trx`: on SQLite the one connection is held until the end, so a query through
 * the outer `db.kysely` would wait for it forever.
 */
export async function inWriteTransaction<T>(db: Db, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  if (db.dialect === 'postgres') return db.kysely.transaction().execute(work);
  return db.kysely.connection().execute(async (connection) => {
    await sql`begin immediate`.execute(connection);
    try {
      const result = await work(connection);
      await sql`commit`.execute(connection);
      return result;
    } catch (error) {
      // A failed commit can leave the transaction open; never hand the shared connection back inside one.
      await sql`rollback`.execute(connection).catch(() => undefined);
      throw error;
    }
  });
}
