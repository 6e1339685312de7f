import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../db/schema.ts';
import { invalid } from '../shared/app-error.ts';
import { type Clock, isoNow } from '../shared/clock.ts';
import type { IdGenerator } from '../shared/ids.ts';
import type { ParkedCartTable } from './sales.table.ts';

/**
 * A cart put aside at a till ("park") and taken back later ("recall"). The cart is the page's own
 * JSON, stored as given and capped at 64 KB; recalling removes it, so two tills cannot both take it.
 */
export const MAX_PARKED_CART_BYTES = 64 * 1024;

export interface ParkedCart {
  id: string;
  registerId: string;
  staffId: string;
  label: string | null;
  cart: unknown;
  createdAt: string;
}

function toParkedCart(row: Selectable<ParkedCartTable>): ParkedCart {
  return {
    id: row.id,
    registerId: row.register_id,
    staffId: row.staff_id,
    label: row.label,
    cart: JSON.parse(row.cart),
    createdAt: row.created_at,
  };
}

export async function parkCart(
  db: Kysely<Database>,
  deps: { clock: Clock; newId: IdGenerator },
  staffId: string,
  input: { registerId: string; label?: string | undefined; cart: unknown },
): Promise<ParkedCart> {
  const json = JSON.stringify(input.cart ?? null);
  if (Buffer.byteLength(json, 'utf8') > MAX_PARKED_CART_BYTES) {
    throw invalid('CART_TOO_LARGE', `a parked cart may be at most ${MAX_PARKED_CART_BYTES} bytes`, 'cart');
  }
  const register = await db
    .selectFrom('registers')
    .select('id')
    .where('id', '=', input.registerId)
    .executeTakeFirst();
  if (!register) throw invalid('REGISTER_UNKNOWN', `no register ${input.registerId}`, 'registerId');
  const row = {
    id: deps.newId('park'),
    register_id: input.registerId,
    staff_id: staffId,
    label: input.label?.trim() || null,
    cart: json,
    created_at: isoNow(deps.clock),
  };
  await db.insertInto('parked_carts').values(row).execute();
  return toParkedCart(row);
}

export async function listParkedCarts(
  db: Kysely<Database>,
  registerId: string | undefined,
): Promise<ParkedCart[]> {
  let query = db.selectFrom('parked_carts').selectAll().orderBy('created_at').orderBy('id');
  if (registerId) query = query.where('register_id', '=', registerId);
  return (await query.execute()).map(toParkedCart);
}

/** Removes and returns the cart; undefined when it is gone (already recalled at another till). */
export async function recallParkedCart(db: Kysely<Database>, id: string): Promise<ParkedCart | undefined> {
  const row = await db.deleteFrom('parked_carts').where('id', '=', id).returningAll().executeTakeFirst();
  return row && toParkedCart(row);
}
