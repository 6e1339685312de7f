import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createSqliteTestDatabase, describeEachDatabase } from '../../tests/support/test-databases.ts';
import { inWriteTransaction } from './write-transaction.ts';

const location = (id: string) => ({ id, name: id, active: 1, created_at: '2026-11-28T00:00:00.000Z' });

describeEachDatabase('inWriteTransaction', (t) => {
  it('commits the work, or on any error rolls all of it back and leaves the database usable', async () => {
    const result = await inWriteTransaction(t.db, async (trx) => {
      await trx.insertInto('locations').values(location('loc_kept')).execute();
      return 'done';
    });
    expect(result).toBe('done');
    await expect(
      inWriteTransaction(t.db, async (trx) => {
        await trx.insertInto('locations').values(location('loc_dropped')).execute();
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    const names = (await t.db.kysely.selectFrom('locations').select('id').execute()).map((r) => r.id);
    expect(names).toContain('loc_kept');
    expect(names).not.toContain('loc_dropped');
    await sql`select 1`.execute(t.db.kysely);
  });
});

describe('inWriteTransaction on SQLite', () => {
  it('holds the write lock from the first statement on SQLite, even while it has only read', async () => {
    const test = await createSqliteTestDatabase();
    const other = new SqliteDatabase(test.connection.file!);
    other.pragma('busy_timeout = 0');
    try {
      await inWriteTransaction(test.db, async (trx) => {
        await trx.selectFrom('locations').select('id').execute();
        // A DEFERRED transaction would let this other connection write between our read and our write.
        expect(() =>
          other
            .prepare('insert into locations (id, name, active, created_at) values (?, ?, 1, ?)')
            .run('loc_other', 'Other', '2026-11-28T00:00:00.000Z'),
        ).toThrow(/locked|busy/i);
      });
    } finally {
      other.close();
      await test.drop();
    }
  });
});
