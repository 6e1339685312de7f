import type { TestApp } from '../../tests/support/test-app.ts';
import { gtinCheckDigit } from '../core/gtin.ts';
import type { Db } from '../db/database.ts';

/** Helpers shared by the catalog route tests. */

/** A valid EAN-13 from a 12-digit body. */
export const ean13 = (body: string) => `${body}${gtinCheckDigit(body)}`;

export async function counts(db: Db) {
  const products = await db.kysely
    .selectFrom('products')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const variants = await db.kysely
    .selectFrom('product_variants')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { products: Number(products.n), variants: Number(variants.n) };
}

export async function post(
  t: TestApp,
  url: string,
  payload: unknown,
  role: 'owner' | 'manager' | 'cashier' = 'manager',
) {
  return t.app.inject({ method: 'POST', url, payload: payload as object, headers: await t.as(role) });
}
