import { randomBytes } from 'node:crypto';
import type { Kysely, Updateable } from 'kysely';
import type { Role } from '../core/permissions.ts';
import { isUniqueViolation } from '../db/portable-sql.ts';
import type { Database } from '../db/schema.ts';
import { conflict, invalid, notFound } from '../shared/app-error.ts';
import { type Clock, isoNow } from '../shared/clock.ts';
import type { IdGenerator } from '../shared/ids.ts';
import { requiredText } from '../shared/required-text.ts';
import { hashSecret } from './password-hash.ts';
import { countOwners, findStaffById, type StaffMember, toStaffMember } from './staff.repository.ts';
import type { StaffMemberTable } from './staff.table.ts';

export interface NewStaffMember {
  email: string;
  displayName: string;
  role: Role;
  password: string;
  pin?: string | undefined;
}

export const MIN_PASSWORD_LENGTH = 10;

export async function createStaffMember(
  db: Kysely<Database>,
  deps: { clock: Clock; newId: IdGenerator },
  input: NewStaffMember,
): Promise<StaffMember> {
  if (input.password.length < MIN_PASSWORD_LENGTH) {
    throw invalid(
      'PASSWORD_TOO_SHORT',
      `password must be at least ${MIN_PASSWORD_LENGTH} characters`,
      'password',
    );
  }
  const row = {
    id: deps.newId('usr'),
    email: input.email.trim().toLowerCase(),
    display_name: requiredText(input.displayName, 'displayName'),
    role: input.role,
    password_hash: await hashSecret(input.password),
    pin_hash: input.pin ? await hashSecret(input.pin) : null,
    active: 1,
    created_at: isoNow(deps.clock),
  };
  try {
    await db.insertInto('staff_members').values(row).execute();
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw conflict('EMAIL_TAKEN', `a staff member with email ${row.email} already exists`, 'email');
    }
    throw error;
  }
  return toStaffMember(row);
}

export interface StaffChanges {
  displayName?: string | undefined;
  role?: Role | undefined;
  active?: boolean | undefined;
  password?: string | undefined;
  pin?: string | null | undefined;
}

export async function updateStaffMember(
  db: Kysely<Database>,
  id: string,
  changes: StaffChanges,
): Promise<StaffMember> {
  const current = await findStaffById(db, id);
  if (!current) throw notFound('STAFF_NOT_FOUND', `no staff member ${id}`);
  const demotesOwner =
    current.role === 'owner' && ((changes.role && changes.role !== 'owner') || changes.active === false);
  if (demotesOwner && (await countOwners(db)) <= 1) {
    throw conflict('LAST_OWNER', 'the shop must keep at least one active owner', 'role');
  }
  if (changes.password !== undefined && changes.password.length < MIN_PASSWORD_LENGTH) {
    throw invalid(
      'PASSWORD_TOO_SHORT',
      `password must be at least ${MIN_PASSWORD_LENGTH} characters`,
      'password',
    );
  }
  const update: Updateable<StaffMemberTable> = {};
  if (changes.displayName !== undefined)
    update.display_name = requiredText(changes.displayName, 'displayName');
  if (changes.role !== undefined) update.role = changes.role;
  if (changes.active !== undefined) update.active = changes.active ? 1 : 0;
  if (changes.password !== undefined) update.password_hash = await hashSecret(changes.password);
  if (changes.pin !== undefined)
    update.pin_hash = changes.pin === null ? null : await hashSecret(changes.pin);
  if (Object.keys(update).length > 0) {
    await db.updateTable('staff_members').set(update).where('id', '=', id).execute();
  }
  if (changes.active === false || changes.password !== undefined) {
    // Signing out everywhere is what a manager expects after disabling someone or resetting a password.
    await db.deleteFrom('sessions').where('staff_id', '=', id).execute();
  }
  const updated = await findStaffById(db, id);
  return toStaffMember(updated!);
}

export function generatePassword(): string {
  return randomBytes(12).toString('base64url');
}

/**
 * At first start the shop has no owner: create one, from TILLSYNC_OWNER_EMAIL/PASSWORD when given,
 * otherwise with a generated password that the caller prints once. Returns null when an owner exists.
 */
export async function ensureOwner(
  db: Kysely<Database>,
  deps: { clock: Clock; newId: IdGenerator },
  preset: { email: string | undefined; password: string | undefined },
): Promise<{ email: string; password: string; generated: boolean } | null> {
  if ((await countOwners(db)) > 0) return null;
  const email = preset.email ?? 'owner@tillsync.local';
  const password = preset.password ?? generatePassword();
  await createStaffMember(db, deps, { email, displayName: 'Owner', role: 'owner', password });
  return { email, password, generated: preset.password === undefined };
}
