import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { forbidden } from '../shared/app-error.ts';
import type { Clock } from '../shared/clock.ts';
import type { IdGenerator } from '../shared/ids.ts';
import { assertAttemptsLeft, clearFailedAttempts, recordFailedAttempt } from './attempt-throttle.ts';
import { verifySecret } from './password-hash.ts';
import { createSession, signOut } from './session.service.ts';
import { type StaffMember, toStaffMember } from './staff.repository.ts';

/** The login_failures key for PIN attempts, so a PIN is throttled exactly as a password is. */
export const pinThrottleKey = (staffId: string) => `pin:${staffId}`;

/**
 * Checks a staff member's PIN, throttled like sign-in: after MAX_FAILURES_PER_WINDOW wrong PINs for one
 * staff member within the window, further attempts get 429 even when right (a 4-digit PIN would
 * otherwise fall to 10,000 guesses). Returns the staff row; a wrong PIN, an unknown or inactive staff
 * member, or one with no PIN set all answer the same 403 PIN_INVALID.
 */
export async function verifyStaffPin(db: Kysely<Database>, clock: Clock, staffId: string, pin: string) {
  const key = pinThrottleKey(staffId);
  await assertAttemptsLeft(db, clock, key, 'too many wrong PINs; wait 15 minutes and try again');
  const row = await db.selectFrom('staff_members').selectAll().where('id', '=', staffId).executeTakeFirst();
  const ok = row?.pin_hash && row.active === 1 ? await verifySecret(pin, row.pin_hash) : false;
  if (!row || !ok) {
    await recordFailedAttempt(db, clock, key);
    throw forbidden('PIN_INVALID', 'that staff member and PIN do not match');
  }
  await clearFailedAttempts(db, key);
  return row;
}

/**
 * Switches the cashier at a signed-in register: the PIN's owner gets a new session, and the previous
 * session (when it was a cookie session) ends, so the till never acts for two people at once.
 */
export async function switchByPin(
  db: Kysely<Database>,
  deps: { clock: Clock; newId: IdGenerator },
  input: { staffId: string; pin: string; previousToken: string | undefined },
): Promise<{ token: string; staff: StaffMember; expiresAt: string }> {
  const row = await verifyStaffPin(db, deps.clock, input.staffId, input.pin);
  const session = await createSession(db, deps, row.id);
  if (input.previousToken) await signOut(db, input.previousToken);
  return { ...session, staff: toStaffMember(row) };
}
