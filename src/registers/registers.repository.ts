import type { Kysely } from 'kysely';
import { isUniqueViolation } from '../db/portable-sql.ts';
import type { Database } from '../db/schema.ts';
import { conflict, invalid } from '../shared/app-error.ts';
import { type Clock, isoNow } from '../shared/clock.ts';
import type { IdGenerator } from '../shared/ids.ts';
import { requiredText } from '../shared/required-text.ts';

export interface Register {
  id: string;
  name: string;
  locationId: string;
}

export async function listRegisters(db: Kysely<Database>): Promise<Register[]> {
  const rows = await db
    .selectFrom('registers')
    .select(['id', 'name', 'location_id'])
    .where('active', '=', 1)
    .orderBy('name')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, locationId: r.location_id }));
}

export async function findRegister(db: Kysely<Database>, id: string): Promise<Register | undefined> {
  const row = await db
    .selectFrom('registers')
    .select(['id', 'name', 'location_id'])
    .where('id', '=', id)
    .where('active', '=', 1)
    .executeTakeFirst();
  return row && { id: row.id, name: row.name, locationId: row.location_id };
}

export async function createRegister(
  db: Kysely<Database>,
  deps: { clock: Clock; newId: IdGenerator },
  input: { name: string; locationId: string },
): Promise<Register> {
  const location = await db
    .selectFrom('locations')
    .select('id')
    .where('id', '=', input.locationId)
    .where('active', '=', 1)
    .executeTakeFirst();
  if (!location) throw invalid('LOCATION_UNKNOWN', `no active location ${input.locationId}`, 'locationId');
  const register = {
    id: deps.newId('reg'),
    name: requiredText(input.name, 'name'),
    locationId: input.locationId,
  };
  try {
    await db
      .insertInto('registers')
      .values({
        id: register.id,
        name: register.name,
        location_id: register.locationId,
        active: 1,
        created_at: isoNow(deps.clock),
      })
      .execute();
  } catch (error) {
    if (isUniqueViolation(error))
      throw conflict('REGISTER_NAME_TAKEN', `a register is already called ${register.name}`, 'name');
    throw error;
  }
  return register;
}

/**
 * A fresh shop gets one register, "Till 1", at its first location, so the till works before anyone
 * visits the settings. Returns null while there is no location yet (the inventory area creates them).
 */
export async function ensureDefaultRegister(
  db: Kysely<Database>,
  deps: { clock: Clock; newId: IdGenerator },
): Promise<Register | null> {
  const existing = await listRegisters(db);
  if (existing[0]) return existing[0];
  const location = await db
    .selectFrom('locations')
    .select('id')
    .where('active', '=', 1)
    .orderBy('created_at')
    .orderBy('id')
    .executeTakeFirst();
  if (!location) return null;
  return createRegister(db, deps, { name: 'Till 1', locationId: location.id });
}
