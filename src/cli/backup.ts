import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

/**
 * A consistent copy of the database while the server keeps running: SQLite's VACUUM INTO writes a
 * compact snapshot in one transaction; PostgreSQL is dumped with pg_dump (custom format).
 */
export async function backupDatabase(db: Db, target: string, databaseUrl: string | undefined): Promise<void> {
  if (existsSync(target)) throw new Error(`${target} already exists; choose a new file name`);
  if (db.dialect === 'sqlite') {
    await sql`vacuum into ${target}`.execute(db.kysely);
    return;
  }
  await new Promise<void>((resolve, reject) => {
    const child = spawn('pg_dump', ['--format=custom', `--file=${target}`, databaseUrl ?? ''], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('error', (error) => reject(new Error(`pg_dump could not start: ${error.message}`)));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`pg_dump exited with ${code}`))));
  });
}
