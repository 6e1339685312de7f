import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../tests/support/test-databases.ts';
import { openSqlite } from '../db/database.ts';
import { systemClock } from '../shared/clock.ts';
import { newId } from '../shared/ids.ts';
import { createStaffMember } from '../staff/staff.service.ts';
import { backupDatabase } from './backup.ts';

describeEachDatabase('backup', (t) => {
  it('writes a copy that holds the data, and refuses to overwrite an existing file', async () => {
    await createStaffMember(
      t.db.kysely,
      { clock: systemClock, newId },
      {
        email: 'keep@shop.test',
        displayName: 'Keep',
        role: 'cashier',
        password: 'a long enough password',
      },
    );
    const target = join(mkdtempSync(join(tmpdir(), 'tillsync-backup-')), 'copy.bak');
    await backupDatabase(t.db, target, t.test.connection.databaseUrl);
    expect(statSync(target).size).toBeGreaterThan(0);
    if (t.db.dialect === 'sqlite') {
      const copy = openSqlite(target);
      const row = await copy.kysely
        .selectFrom('staff_members')
        .select('email')
        .where('email', '=', 'keep@shop.test')
        .executeTakeFirst();
      await copy.close();
      expect(row?.email).toBe('keep@shop.test');
    }
    await expect(backupDatabase(t.db, target, t.test.connection.databaseUrl)).rejects.toThrow(
      /already exists/,
    );
  });
});
