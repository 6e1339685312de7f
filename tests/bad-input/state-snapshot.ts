import { createHash } from 'node:crypto';
import type { Db } from '../../src/db/database.ts';

/**
 * Every table's rows, reduced to a count and a digest, so a test can say "nothing changed" about the
 * whole database rather than the few tables it thought of: stock levels, ledger rows, outbox rows,
 * catalogue, sales, webhook inbox, sessions… all at once.
 */
export type StateSnapshot = ReadonlyMap<string, { rows: number; digest: string }>;

const MIGRATION_TABLES = new Set(['kysely_migration', 'kysely_migration_lock']);

export async function snapshotState(db: Db): Promise<StateSnapshot> {
  const tables = (await db.kysely.introspection.getTables())
    .map((table) => table.name)
    .filter((name) => !MIGRATION_TABLES.has(name))
    .sort();
  const snapshot = new Map<string, { rows: number; digest: string }>();
  for (const table of tables) {
    // Table names come from the database's own catalogue, not from input.
    const rows = await db.kysely
      .selectFrom(table as never)
      .selectAll()
      .execute();
    const lines = rows.map((row) => JSON.stringify(row)).sort();
    snapshot.set(table, {
      rows: rows.length,
      digest: createHash('sha256').update(lines.join('\n')).digest('hex'),
    });
  }
  return snapshot;
}

/** The tables whose rows differ between two snapshots, with their row counts before → after. */
export function changedTables(before: StateSnapshot, after: StateSnapshot): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names]
    .filter((name) => before.get(name)?.digest !== after.get(name)?.digest)
    .map((name) => `${name} (${before.get(name)?.rows ?? 0} → ${after.get(name)?.rows ?? 0} rows)`)
    .sort();
}
