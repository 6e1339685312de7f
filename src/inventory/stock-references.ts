import type { Kysely } from 'kysely';
import type { Plan, PlannedMovement } from '../core/stock-planning.ts';
import type { Database } from '../db/schema.ts';
import { AppError, invalid } from '../shared/app-error.ts';
import { findLocation, type Location } from './location.repository.ts';

/**
 * Checks a stock document makes before it writes anything: the locations and variants it names exist.
 * Each failure names the request field (`lines.2.variantId`) so the page can point at it.
 */
export async function requireLocation(db: Kysely<Database>, id: string, field: string): Promise<Location> {
  const location = await findLocation(db, id);
  if (!location) throw new AppError('not_found', 'LOCATION_NOT_FOUND', `no location ${id}`, field);
  return location;
}

/** A deactivated location takes no new stock; only a transfer may still empty it. */
export async function requireActiveLocation(
  db: Kysely<Database>,
  id: string,
  field: string,
): Promise<Location> {
  const location = await requireLocation(db, id, field);
  if (!location.active) {
    throw invalid('LOCATION_INACTIVE', `location "${location.name}" is deactivated`, field);
  }
  return location;
}

/** Throws 404 naming `fieldOf(index)` for the first variant id that does not exist. */
export async function requireVariants(
  db: Kysely<Database>,
  variantIds: readonly string[],
  fieldOf: (index: number) => string,
): Promise<void> {
  if (variantIds.length === 0) return;
  const rows = await db
    .selectFrom('product_variants')
    .select('id')
    .where('id', 'in', [...new Set(variantIds)])
    .execute();
  const known = new Set(rows.map((r) => r.id));
  const missing = variantIds.findIndex((id) => !known.has(id));
  if (missing >= 0) {
    throw new AppError(
      'not_found',
      'VARIANT_NOT_FOUND',
      `no variant ${variantIds[missing]}`,
      fieldOf(missing),
    );
  }
}

/** A failed plan becomes the 400 the client sees; the transaction around it rolls back. */
export function movementsOrThrow(plan: Plan): PlannedMovement[] {
  if (!plan.ok) throw invalid(plan.error.code, plan.error.message, plan.error.field);
  return plan.movements;
}
