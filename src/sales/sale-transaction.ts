import { type Kysely, sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';

/**
 * Runs one sale's writes in a transaction, committed before the caller hears back.
 *
 * PostgreSQL: a plain transaction per sale; the server already groups concurrent commits.
 *
 * SQLite (group commit): with synchronous=FULL every COMMIT waits for an fsync, and SQLite writes one
 * transaction at a time, so at a busy till the disk, not the CPU, sets the pace. Sales that arrive
 * while a commit is in progress are queued and written together in the next transaction, each inside
 * its own SAVEPOINT: a sale that fails rolls back to its savepoint alone, the others still commit,
 * and every caller is answered only after the shared COMMIT, so an acknowledged sale is as durable as
 * before. Batches are capped so one slow batch cannot hold the write lock for long.
 *
 * `work` must use only the `trx` it is handed: SQLite has one connection, so a query on the outer
 * database from inside the batch would wait for the batch itself.
 */
export function inSaleTransaction<T>(db: Db, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  if (db.dialect === 'postgres') return db.kysely.transaction().execute(work);
  let committer = committers.get(db);
  if (!committer) {
    committer = new GroupCommitter(db.kysely);
    committers.set(db, committer);
  }
  return committer.run(work);
}

const MAX_BATCH = 32;
const committers = new WeakMap<Db, GroupCommitter>();

interface Pending {
  work: (trx: Kysely<Database>) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

class GroupCommitter {
  private queue: Pending[] = [];
  private running = false;

  constructor(private readonly kysely: Kysely<Database>) {}

  run<T>(work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.running) {
        this.running = true;
        // Wait one turn of the event loop so the requests already being handled reach the queue too
        // (better-sqlite3 blocks the loop during a commit, so they all become ready together).
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
        try {
          await this.kysely.transaction().execute(async (trx) => {
            for (const [index, pending] of batch.entries()) {
              const savepoint = sql.raw(`sale_${index}`);
              await sql`savepoint ${savepoint}`.execute(trx);
              try {
                outcomes.push({ ok: true, value: await pending.work(trx) });
                await sql`release savepoint ${savepoint}`.execute(trx);
              } catch (error) {
                await sql`rollback to savepoint ${savepoint}`.execute(trx);
                await sql`release savepoint ${savepoint}`.execute(trx);
                outcomes.push({ ok: false, error });
              }
            }
          });
        } catch (error) {
          // The shared commit failed: nothing in the batch was written.
          for (const pending of batch) pending.reject(error);
          continue;
        }
        batch.forEach((pending, index) => {
          const outcome = outcomes[index]!;
          if (outcome.ok) pending.resolve(outcome.value);
          else pending.reject(outcome.error);
        });
      }
    } finally {
      this.running = false;
    }
  }
}
