import type { Db } from '../../src/db/database.ts';
import { systemClock } from '../../src/shared/clock.ts';
import { newId } from '../../src/shared/ids.ts';
import { createStaffMember } from '../../src/staff/staff.service.ts';

/**
 * Rows the sales tests need from other areas (catalog items, locations), inserted directly so these
 * tests do not depend on those areas' services.
 */
export async function insertLocation(db: Db, name = `Shop ${newId('loc').slice(-6)}`): Promise<string> {
  const id = newId('loc');
  await db.kysely
    .insertInto('locations')
    .values({ id, name, active: 1, created_at: new Date().toISOString() })
    .execute();
  return id;
}

export async function insertVariant(
  db: Db,
  input: { priceMinor: number; taxRateBp?: number; name?: string; active?: boolean },
): Promise<{ id: string; sku: string }> {
  const now = new Date().toISOString();
  const productId = newId('prd');
  const id = newId('var');
  const sku = `SKU-${id.slice(-10)}`;
  await db.kysely
    .insertInto('products')
    .values({
      id: productId,
      name: input.name ?? `Item ${sku}`,
      description: null,
      option_names: '[]',
      tax_rate_bp: input.taxRateBp ?? 2000,
      active: 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await db.kysely
    .insertInto('product_variants')
    .values({
      id,
      product_id: productId,
      title: 'Default',
      option_values: '[]',
      sku,
      barcode: null,
      barcode_key: null,
      price_minor: input.priceMinor,
      cost_minor: null,
      low_stock_threshold: null,
      active: input.active === false ? 0 : 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return { id, sku };
}

export async function insertRegister(db: Db, locationId: string, name = `Till ${newId('reg').slice(-6)}`) {
  const id = newId('reg');
  await db.kysely
    .insertInto('registers')
    .values({ id, name, location_id: locationId, active: 1, created_at: new Date().toISOString() })
    .execute();
  return id;
}

export async function onHand(db: Db, variantId: string, locationId: string): Promise<number> {
  const row = await db.kysely
    .selectFrom('stock_levels')
    .select('on_hand')
    .where('variant_id', '=', variantId)
    .where('location_id', '=', locationId)
    .executeTakeFirst();
  return row?.on_hand ?? 0;
}

export async function countRows(
  db: Db,
  table: 'sales' | 'stock_movements' | 'sale_returns',
): Promise<number> {
  const row = await db.kysely
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function staffWithPin(db: Db, role: 'owner' | 'manager' | 'cashier', pin: string) {
  return createStaffMember(
    db.kysely,
    { clock: systemClock, newId },
    {
      email: `${role}-pin-${newId('usr').slice(-8).toLowerCase()}@test.local`,
      displayName: `PIN ${role}`,
      role,
      password: 'correct horse battery',
      pin,
    },
  );
}

export const saleId = () => newId('sale');
export const lineId = () => newId('line');
