import type { Kysely } from 'kysely';
import { can } from '../core/permissions.ts';
import type { Database } from '../db/schema.ts';
import { AppError, forbidden } from '../shared/app-error.ts';
import type { Clock } from '../shared/clock.ts';
import { verifySecret } from '../staff/password-hash.ts';
import { LOGIN_WINDOW_MS, MAX_FAILURES_PER_WINDOW } from '../staff/session.service.ts';

export interface Approval {
  staffId: string;
  pin: string;
}

/** The login_failures key for PIN attempts, so a PIN is throttled exactly as a password is. */
export const pinThrottleKey = (staffId: string) => `pin:${staffId}`;

/**
 * Checks a staff member's PIN, throttled like sign-in: after MAX_FAILURES_PER_WINDOW wrong PINs for one
 * staff member in the window, further attempts are refused with 429 even when right. Returns the staff
 * row on success; throws 403 PIN_INVALID on a wrong PIN, unknown or inactive staff, or no PIN set.
 */
export async function verifyStaffPin(db: Kysely<Database>, clock: Clock, staffId: string, pin: string) {
  const key = pinThrottleKey(staffId);
  const now = clock.now();
  const windowStart = new Date(now.getTime() - LOGIN_WINDOW_MS).toISOString();
  const failures = await db
    .selectFrom('login_failures')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('email', '=', key)
    .where('at', '>', windowStart)
    .executeTakeFirstOrThrow();
  if (Number(failures.n) >= MAX_FAILURES_PER_WINDOW) {
    throw new AppError('rate_limited', 'TOO_MANY_ATTEMPTS', 'too many wrong PINs; wait 15 minutes');
  }
  const row = await db.selectFrom('staff_members').selectAll().where('id', '=', staffId).executeTakeFirst();
  const ok = row?.pin_hash && row.active === 1 ? await verifySecret(pin, row.pin_hash) : false;
  if (!row || !ok) {
    await db.insertInto('login_failures').values({ email: key, at: now.toISOString() }).execute();
    throw forbidden('PIN_INVALID', 'that staff member and PIN do not match');
  }
  await db.deleteFrom('login_failures').where('email', '=', key).execute();
  return row;
}

/**
 * A manager's (or the owner's) approval given at the till with their PIN. `code` names what needed the
 * approval (e.g. DISCOUNT_NEEDS_APPROVAL), so a missing approval answers with that code.
 */
export async function requireManagerApproval(
  db: Kysely<Database>,
  clock: Clock,
  approval: Approval | undefined,
  code: string,
  message: string,
): Promise<string> {
  if (!approval) throw forbidden(code, message);
  const approver = await verifyStaffPin(db, clock, approval.staffId, approval.pin);
  if (!can(approver.role, 'sales.approve')) {
    throw forbidden('APPROVER_NOT_MANAGER', `${approver.display_name} may not approve this (not a manager)`);
  }
  return approver.id;
}
