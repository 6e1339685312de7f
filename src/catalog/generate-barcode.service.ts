import { type Kysely, sql } from 'kysely';
import {
  generateInStoreGtin13,
  type InStorePrefix,
  inStoreSequenceOf,
  MAX_IN_STORE_SEQUENCE,
} from '../core/gtin.ts';
import { dialectOf } from '../db/portable-sql.ts';
import type { Database } from '../db/schema.ts';
import { conflict, notFound } from '../shared/app-error.ts';
import { type Clock, isoNow } from '../shared/clock.ts';
import { type ResolvedBarcode, resolveBarcodeInput } from './barcode-input.ts';
import { findVariantView, type VariantView } from './catalog.repository.ts';
import { assertIdentitiesFree } from './catalog-uniqueness.ts';

/** GS1 restricted-circulation prefix for the shop's own codes (20–29 are never issued to brands). */
export const IN_STORE_PREFIX: InStorePrefix = '20';

// Any constant will do: it only has to be the same for every process allocating in-store codes.
const IN_STORE_LOCK_ID = 7_201_001;

/**
 * The next `count` free in-store EAN-13s: one past the highest code already stored in the prefix
 * (typed-in ones included), so a new code never collides. Must run inside the caller's transaction:
 * on PostgreSQL an advisory lock held to commit makes concurrent allocations queue; SQLite already
 * serialises writers.
 */
export async function allocateInStoreBarcodes(
  trx: Kysely<Database>,
  count: number,
): Promise<ResolvedBarcode[]> {
  if (count === 0) return [];
  if (dialectOf(trx) === 'postgres')
    await sql`select pg_advisory_xact_lock(${IN_STORE_LOCK_ID})`.execute(trx);
  const low = `0${IN_STORE_PREFIX}`;
  const high = `0${Number(IN_STORE_PREFIX) + 1}`;
  const row = await trx
    .selectFrom('product_variants')
    .select((eb) => eb.fn.max('barcode_key').as('highest'))
    .where('barcode_key', '>=', low)
    .where('barcode_key', '<', high)
    .executeTakeFirst();
  const highest = row?.highest ? inStoreSequenceOf(String(row.highest), IN_STORE_PREFIX) : null;
  const first = (highest ?? 0) + 1;
  if (first + count - 1 > MAX_IN_STORE_SEQUENCE) {
    throw conflict(
      'IN_STORE_BARCODES_EXHAUSTED',
      `no in-store barcodes left under prefix ${IN_STORE_PREFIX}`,
    );
  }
  return Array.from({ length: count }, (_, i) =>
    resolveBarcodeInput(generateInStoreGtin13(IN_STORE_PREFIX, first + i), false, 'barcode'),
  );
}

/** Gives an item without a barcode an in-store one. Run inside a transaction. */
export async function generateBarcodeForVariant(
  trx: Kysely<Database>,
  deps: { clock: Clock },
  variantId: string,
): Promise<VariantView> {
  const variant = await findVariantView(trx, variantId);
  if (!variant) throw notFound('VARIANT_NOT_FOUND', `no variant ${variantId}`);
  if (variant.barcode !== null) {
    throw conflict(
      'VARIANT_HAS_BARCODE',
      `this item already has barcode ${variant.barcode}; clear it first to generate an in-store one`,
      'barcode',
    );
  }
  const [generated] = await allocateInStoreBarcodes(trx, 1);
  await assertIdentitiesFree(trx, [
    { field: '', sku: null, barcode: generated!.barcode, barcodeConflictKeys: generated!.conflictKeys },
  ]);
  await trx
    .updateTable('product_variants')
    .set({ barcode: generated!.barcode, barcode_key: generated!.key, updated_at: isoNow(deps.clock) })
    .where('id', '=', variantId)
    .execute();
  return (await findVariantView(trx, variantId))!;
}
