import type { Kysely, Selectable } from 'kysely';
import type { Role } from '../core/permissions.ts';
import type { Database } from '../db/schema.ts';
import type { StaffMemberTable } from './staff.table.ts';

/** A staff member as the rest of the code sees it; hashes never leave this folder. */
export interface StaffMember {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  active: boolean;
  hasPin: boolean;
  createdAt: string;
}

export function toStaffMember(row: Selectable<StaffMemberTable>): StaffMember {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    active: row.active === 1,
    hasPin: row.pin_hash !== null,
    createdAt: row.created_at,
  };
}

export function findStaffByEmail(db: Kysely<Database>, email: string) {
  return db
    .selectFrom('staff_members')
    .selectAll()
    .where('email', '=', email.toLowerCase())
    .executeTakeFirst();
}

export function findStaffById(db: Kysely<Database>, id: string) {
  return db.selectFrom('staff_members').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listStaff(db: Kysely<Database>): Promise<StaffMember[]> {
  const rows = await db.selectFrom('staff_members').selectAll().orderBy('display_name').execute();
  return rows.map(toStaffMember);
}

/** Who can take over a till by PIN: the names a cashier picks from, without emails or hashes. */
export interface PinStaffChoice {
  id: string;
  displayName: string;
  role: Role;
}

export async function listPinStaff(db: Kysely<Database>): Promise<PinStaffChoice[]> {
  const rows = await db
    .selectFrom('staff_members')
    .select(['id', 'display_name', 'role'])
    .where('active', '=', 1)
    .where('pin_hash', 'is not', null)
    .orderBy('display_name')
    .execute();
  return rows.map((r) => ({ id: r.id, displayName: r.display_name, role: r.role }));
}

export async function countOwners(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('staff_members')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'owner')
    .where('active', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
