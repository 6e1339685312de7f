import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { LocationTable } from './inventory.table.ts';

/** A place stock is kept (shop floor, back room, second shop), as the API shows it. */
export interface Location {
  id: string;
  name: string;
  active: boolean;
}

export function toLocation(row: Pick<Selectable<LocationTable>, 'id' | 'name' | 'active'>): Location {
  return { id: row.id, name: row.name, active: row.active === 1 };
}

export async function listLocations(db: Kysely<Database>): Promise<Location[]> {
  const rows = await db
    .selectFrom('locations')
    .select(['id', 'name', 'active'])
    .orderBy('created_at')
    .execute();
  return rows.map(toLocation);
}

export async function findLocation(db: Kysely<Database>, id: string): Promise<Location | undefined> {
  const row = await db
    .selectFrom('locations')
    .select(['id', 'name', 'active'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toLocation(row);
}

/** Names are unique regardless of case: "Back room" and "back room" would confuse everyone. */
export async function findLocationByName(db: Kysely<Database>, name: string): Promise<Location | undefined> {
  const row = await db
    .selectFrom('locations')
    .select(['id', 'name', 'active'])
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    .executeTakeFirst();
  return row && toLocation(row);
}
