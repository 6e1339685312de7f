import { type Kysely, type RawBuilder, sql } from 'kysely';
import { normaliseBarcode } from '../core/gtin.ts';
import type { Database } from '../db/schema.ts';
import { invalid } from '../shared/app-error.ts';
import {
  attachVariants,
  type ProductView,
  selectVariantRows,
  toVariantView,
  type VariantView,
} from './catalog.repository.ts';

export interface PageRequest {
  q?: string | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/**
 * Pages are keyset cursors over (product name, id): stable while rows are added, and as cheap on
 * page 1,000 as on page 1. The cursor is opaque to clients.
 */
function encodeCursor(name: string, id: string): string {
  return Buffer.from(JSON.stringify([name, id])).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string')) {
      return value as [string, string];
    }
  } catch {
    // fall through to the error below
  }
  throw invalid('CURSOR_INVALID', 'cursor is not one this server gave out', 'cursor');
}

function likePattern(q: string): string {
  return `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** `lower(column) like pattern`, with the escape character spelled out: SQLite has none by default. */
function contains(column: string, pattern: string): RawBuilder<boolean> {
  return sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
}

/** Variants whose product name, title, SKU or barcode contains q (a scanned GTIN in any form matches too). */
export async function searchVariants(db: Kysely<Database>, page: PageRequest): Promise<Page<VariantView>> {
  const limit = Math.min(page.limit ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  let query = selectVariantRows(db);
  const q = page.q?.trim();
  if (q) {
    const pattern = likePattern(q);
    const gtin = normaliseBarcode(q);
    query = query.where((eb) =>
      eb.or([
        contains('p.name', pattern),
        contains('v.title', pattern),
        contains('v.sku', pattern),
        contains('v.barcode', pattern),
        ...(gtin.ok ? [eb('v.barcode_key', '=', gtin.gtin14)] : []),
      ]),
    );
  }
  if (page.cursor) {
    const [name, id] = decodeCursor(page.cursor);
    query = query.where((eb) =>
      eb.or([eb('p.name', '>', name), eb.and([eb('p.name', '=', name), eb('v.id', '>', id)])]),
    );
  }
  const rows = await query
    .orderBy('p.name')
    .orderBy('v.id')
    .limit(limit + 1)
    .execute();
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items: items.map(toVariantView),
    nextCursor: rows.length > limit && last ? encodeCursor(last.product_name, last.id) : null,
  };
}

/** Products whose name contains q, or that have a variant matching q by SKU or barcode. */
export async function searchProducts(db: Kysely<Database>, page: PageRequest): Promise<Page<ProductView>> {
  const limit = Math.min(page.limit ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  let query = db.selectFrom('products as p').selectAll('p');
  const q = page.q?.trim();
  if (q) {
    const pattern = likePattern(q);
    const gtin = normaliseBarcode(q);
    query = query.where((eb) =>
      eb.or([
        contains('p.name', pattern),
        eb(
          'p.id',
          'in',
          eb
            .selectFrom('product_variants as v')
            .select('v.product_id')
            .where((inner) =>
              inner.or([
                contains('v.sku', pattern),
                contains('v.barcode', pattern),
                ...(gtin.ok ? [inner('v.barcode_key', '=', gtin.gtin14)] : []),
              ]),
            ),
        ),
      ]),
    );
  }
  if (page.cursor) {
    const [name, id] = decodeCursor(page.cursor);
    query = query.where((eb) =>
      eb.or([eb('p.name', '>', name), eb.and([eb('p.name', '=', name), eb('p.id', '>', id)])]),
    );
  }
  const rows = await query
    .orderBy('p.name')
    .orderBy('p.id')
    .limit(limit + 1)
    .execute();
  const products = rows.slice(0, limit);
  const last = products.at(-1);
  return {
    items: await attachVariants(db, products),
    nextCursor: rows.length > limit && last ? encodeCursor(last.name, last.id) : null,
  };
}
