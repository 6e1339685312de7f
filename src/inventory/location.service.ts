import type { Kysely, Updateable } from 'kysely';
import { isUniqueViolation } from '../db/portable-sql.ts';
import type { Database } from '../db/schema.ts';
import { AppError, conflict, invalid } from '../shared/app-error.ts';
import { type Clock, isoNow } from '../shared/clock.ts';
import type { IdGenerator } from '../shared/ids.ts';
import type { LocationTable } from './inventory.table.ts';
import { findLocation, findLocationByName, type Location } from './location.repository.ts';

export const DEFAULT_LOCATION_NAME = 'Shop floor';

const nameTaken = (name: string) =>
  conflict('LOCATION_NAME_TAKEN', `a location called "${name}" already exists`, 'name');

function cleanName(raw: string): string {
  const name = raw.trim();
  if (name === '') throw invalid('NAME_REQUIRED', 'give the location a name', 'name');
  return name;
}

export async function createLocation(
  db: Kysely<Database>,
  deps: { clock: Clock; newId: IdGenerator },
  input: { name: string },
): Promise<Location> {
  const name = cleanName(input.name);
  if (await findLocationByName(db, name)) throw nameTaken(name);
  const row = { id: deps.newId('loc'), name, active: 1, created_at: isoNow(deps.clock) };
  try {
    await db.insertInto('locations').values(row).execute();
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(name);
    throw error;
  }
  return { id: row.id, name, active: true };
}

/** Rename or (de)activate. A deactivated location keeps its history and levels but takes no new stock. */
export async function updateLocation(
  db: Kysely<Database>,
  id: string,
  changes: { name?: string | undefined; active?: boolean | undefined },
): Promise<Location> {
  const current = await findLocation(db, id);
  if (!current) throw new AppError('not_found', 'LOCATION_NOT_FOUND', `no location ${id}`, 'id');
  const update: Updateable<LocationTable> = {};
  if (changes.name !== undefined) {
    const name = cleanName(changes.name);
    const other = await findLocationByName(db, name);
    if (other && other.id !== id) throw nameTaken(name);
    update.name = name;
  }
  if (changes.active !== undefined) update.active = changes.active ? 1 : 0;
  if (Object.keys(update).length > 0) {
    try {
      await db.updateTable('locations').set(update).where('id', '=', id).execute();
    } catch (error) {
      if (isUniqueViolation(error)) throw nameTaken(update.name ?? '');
      throw error;
    }
  }
  return (await findLocation(db, id))!;
}

/**
 * A shop with no location cannot hold stock, so the server calls this at start: it creates
 * "Shop floor" when there is none. Two processes starting at once race on the unique name; the loser
 * reads the winner's row. Returns the location created, or null when one already existed.
 */
export async function ensureDefaultLocation(
  db: Kysely<Database>,
  deps: { clock: Clock; newId: IdGenerator },
): Promise<Location | null> {
  const any = await db.selectFrom('locations').select('id').limit(1).executeTakeFirst();
  if (any) return null;
  try {
    return await createLocation(db, deps, { name: DEFAULT_LOCATION_NAME });
  } catch (error) {
    if (error instanceof AppError && error.code === 'LOCATION_NAME_TAKEN') return null;
    throw error;
  }
}
