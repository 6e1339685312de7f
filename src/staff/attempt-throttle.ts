import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { AppError } from '../shared/app-error.ts';
import type { Clock } from '../shared/clock.ts';

/**
 * Guessing throttle shared by password sign-in and PIN checks: after MAX_FAILURES_PER_WINDOW
 * failures for one key within the window, further attempts get 429 even when right. Failures are
 * rows in login_failures, so every server process sees the same count.
 */
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_WINDOW = 5;

export async function assertAttemptsLeft(
  db: Kysely<Database>,
  clock: Clock,
  key: string,
  message: string,
): Promise<void> {
  const windowStart = new Date(clock.now().getTime() - LOGIN_WINDOW_MS).toISOString();
  const failures = await db
    .selectFrom('login_failures')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('email', '=', key)
    .where('at', '>', windowStart)
    .executeTakeFirstOrThrow();
  if (Number(failures.n) >= MAX_FAILURES_PER_WINDOW)
    throw new AppError('rate_limited', 'TOO_MANY_ATTEMPTS', message);
}

export async function recordFailedAttempt(db: Kysely<Database>, clock: Clock, key: string): Promise<void> {
  await db.insertInto('login_failures').values({ email: key, at: clock.now().toISOString() }).execute();
}

export async function clearFailedAttempts(db: Kysely<Database>, key: string): Promise<void> {
  await db.deleteFrom('login_failures').where('email', '=', key).execute();
}
