import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Role } from '../core/permissions.ts';
import type { Database } from '../db/schema.ts';
import { AppError } from '../shared/app-error.ts';
import { type Clock, isoNow } from '../shared/clock.ts';
import type { IdGenerator } from '../shared/ids.ts';
import { assertAttemptsLeft, clearFailedAttempts, recordFailedAttempt } from './attempt-throttle.ts';
import { hashSecret, verifySecret } from './password-hash.ts';
import { findStaffByEmail, type StaffMember, toStaffMember } from './staff.repository.ts';

/** Who is making a request, as every route's permission check sees it. */
export interface Actor {
  staffId: string;
  role: Role;
  displayName: string;
  via: 'session' | 'api_token';
}

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
export { LOGIN_WINDOW_MS, MAX_FAILURES_PER_WINDOW } from './attempt-throttle.ts';

// A fixed hash to verify against when the email is unknown, so a miss costs as long as a wrong password.
const DUMMY_HASH_PROMISE = hashSecret('not-a-real-password');

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function signIn(
  db: Kysely<Database>,
  deps: { clock: Clock; newId: IdGenerator },
  email: string,
  password: string,
): Promise<{ token: string; staff: StaffMember; expiresAt: string }> {
  const normalised = email.trim().toLowerCase();
  await assertAttemptsLeft(
    db,
    deps.clock,
    normalised,
    'too many failed sign-ins; wait 15 minutes and try again',
  );
  const row = await findStaffByEmail(db, normalised);
  const ok = row
    ? await verifySecret(password, row.password_hash)
    : await verifySecret(password, await DUMMY_HASH_PROMISE);
  if (!row || !ok || row.active !== 1) {
    await recordFailedAttempt(db, deps.clock, normalised);
    throw new AppError('unauthenticated', 'BAD_CREDENTIALS', 'email or password is wrong');
  }
  await clearFailedAttempts(db, normalised);
  return { ...(await createSession(db, deps, row.id)), staff: toStaffMember(row) };
}

export async function createSession(
  db: Kysely<Database>,
  deps: { clock: Clock; newId: IdGenerator },
  staffId: string,
): Promise<{ token: string; expiresAt: string }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(deps.clock.now().getTime() + SESSION_TTL_MS).toISOString();
  await db
    .insertInto('sessions')
    .values({
      id: deps.newId('ses'),
      token_hash: hashToken(token),
      staff_id: staffId,
      created_at: isoNow(deps.clock),
      expires_at: expiresAt,
    })
    .execute();
  return { token, expiresAt };
}

export async function signOut(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', hashToken(token)).execute();
}

export async function actorFromSession(
  db: Kysely<Database>,
  clock: Clock,
  token: string,
): Promise<Actor | null> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('staff_members', 'staff_members.id', 'sessions.staff_id')
    .select(['staff_members.id', 'staff_members.role', 'staff_members.display_name', 'staff_members.active'])
    .select('sessions.expires_at')
    .where('sessions.token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row || row.active !== 1 || row.expires_at <= isoNow(clock)) return null;
  return { staffId: row.id, role: row.role, displayName: row.display_name, via: 'session' };
}

export const API_TOKEN_PREFIX = 'tsk_';

export async function createApiToken(
  db: Kysely<Database>,
  deps: { clock: Clock; newId: IdGenerator },
  staffId: string,
  name: string,
): Promise<{ id: string; token: string }> {
  const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const id = deps.newId('tok');
  await db
    .insertInto('api_tokens')
    .values({
      id,
      token_hash: hashToken(token),
      staff_id: staffId,
      name,
      created_at: isoNow(deps.clock),
      revoked_at: null,
    })
    .execute();
  return { id, token };
}

export async function actorFromApiToken(db: Kysely<Database>, token: string): Promise<Actor | null> {
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('staff_members', 'staff_members.id', 'api_tokens.staff_id')
    .select(['staff_members.id', 'staff_members.role', 'staff_members.display_name', 'staff_members.active'])
    .where('api_tokens.token_hash', '=', hashToken(token))
    .where('api_tokens.revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row || row.active !== 1) return null;
  return { staffId: row.id, role: row.role, displayName: row.display_name, via: 'api_token' };
}
