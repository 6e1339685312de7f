import type { Kysely } from 'kysely';
import { isUniqueViolation } from '../db/portable-sql.ts';
import type { Database } from '../db/schema.ts';
import { conflict } from '../shared/app-error.ts';
import { describeVariant, findHolders } from './catalog.repository.ts';

export interface ClaimedIdentity {
  /** Field path for the error, e.g. `variants.1` (".sku"/".barcode" is appended). */
  field: string;
  sku: string | null;
  barcode: string | null;
  barcodeConflictKeys: string[];
  /** The variant being changed, which may keep its own SKU and barcode. */
  variantId?: string;
}

function fieldName(prefix: string, name: string): string {
  return prefix ? `${prefix}.${name}` : name;
}

/**
 * SKU and barcode are unique per shop. Checked before writing so the error names the item that
 * already has it; the unique indexes stay the judge for races (see mapUniqueViolation).
 */
export async function assertIdentitiesFree(db: Kysely<Database>, claims: readonly ClaimedIdentity[]) {
  const seenSku = new Map<string, string>();
  const seenKey = new Map<string, string>();
  for (const claim of claims) {
    if (claim.sku !== null) {
      const other = seenSku.get(claim.sku);
      if (other !== undefined) {
        throw conflict(
          'SKU_TAKEN',
          `SKU ${claim.sku} is given twice in this request (${other} and ${fieldName(claim.field, 'sku')})`,
          fieldName(claim.field, 'sku'),
        );
      }
      seenSku.set(claim.sku, fieldName(claim.field, 'sku'));
    }
    for (const key of claim.barcodeConflictKeys) {
      const other = seenKey.get(key);
      if (other !== undefined) {
        throw conflict(
          'BARCODE_TAKEN',
          `barcode ${claim.barcode} is given twice in this request (${other} and ${fieldName(claim.field, 'barcode')})`,
          fieldName(claim.field, 'barcode'),
        );
      }
      seenKey.set(key, fieldName(claim.field, 'barcode'));
    }
  }
  const holders = await findHolders(db, {
    skus: claims.flatMap((c) => (c.sku === null ? [] : [c.sku])),
    barcodeKeys: claims.flatMap((c) => c.barcodeConflictKeys),
  });
  for (const claim of claims) {
    const holder = holders.find((h) => h.id !== claim.variantId && claim.sku !== null && h.sku === claim.sku);
    if (holder) {
      throw conflict(
        'SKU_TAKEN',
        `SKU ${claim.sku} already belongs to ${describeVariant(holder)}`,
        fieldName(claim.field, 'sku'),
        { variantId: holder.id, productId: holder.productId },
      );
    }
  }
  for (const claim of claims) {
    const holder = holders.find(
      (h) => h.id !== claim.variantId && claimedKeyHeldBy(claim.barcodeConflictKeys, h),
    );
    if (holder) {
      throw conflict(
        'BARCODE_TAKEN',
        `barcode ${claim.barcode} already belongs to ${describeVariant(holder)}`,
        fieldName(claim.field, 'barcode'),
        { variantId: holder.id, productId: holder.productId },
      );
    }
  }
}

function claimedKeyHeldBy(keys: readonly string[], holder: { gtin: string | null; barcode: string | null }) {
  return keys.some((key) => key === holder.gtin || key === `int:${holder.barcode}`);
}

/**
 * Two requests may pass the check at once; the unique index then refuses the second. Turn that into
 * the same 409 the check gives, naming the field (the holder is not known without another query).
 */
export function mapUniqueViolation(error: unknown, field: string): unknown {
  if (!isUniqueViolation(error)) return error;
  const text =
    String((error as { message?: unknown }).message ?? '') +
    String((error as { constraint?: unknown }).constraint ?? '');
  if (text.includes('barcode_key')) {
    return conflict(
      'BARCODE_TAKEN',
      'that barcode was just given to another item; reload and try again',
      fieldName(field, 'barcode'),
    );
  }
  if (text.includes('sku')) {
    return conflict(
      'SKU_TAKEN',
      'that SKU was just given to another item; reload and try again',
      fieldName(field, 'sku'),
    );
  }
  return error;
}
