import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import {
  describeVariant,
  parseStringArray,
  selectVariantRows,
  toVariantView,
  type VariantView,
} from '../catalog.repository.ts';
import type { CatalogCsvRow, CsvRowError } from './read-catalog-csv.ts';

/**
 * Decides what an import file does, checking it against the database: rows whose SKU exists (or,
 * without a SKU, whose barcode exists) update that variant (and its product's name and tax rate); other rows create variants, joining the product
 * of the same name (in the file or the shop) or a new one. Every conflict is reported by row.
 */
export interface ImportPlan {
  newProducts: Array<{ key: string; name: string; taxRateBp: number; optionNames: string[] }>;
  /** Variants to create; productRef is an existing product id or a newProducts key. */
  newVariants: Array<{ productRef: string; row: CatalogCsvRow }>;
  variantUpdates: Array<{ variantId: string; row: CatalogCsvRow }>;
  productUpdates: Array<{ productId: string; name: string; taxRateBp: number }>;
  /** Rows that matched an item and would change nothing on it. */
  unchanged: number;
  /** For existing products that gain variants: the next free position. */
  nextPositions: Map<string, number>;
}

interface ProductFacts {
  name: string;
  taxRateBp: number;
  optionNames: string[];
  /** The row that set these facts in this file, or null when they come from the database. */
  row: number | null;
  titles: Map<string, string>;
  nextPosition: number;
}

const CHUNK = 500;

async function inChunks<T, R>(items: readonly T[], run: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(...(await run(items.slice(i, i + CHUNK))));
  return out;
}

export async function planCatalogImport(
  db: Kysely<Database>,
  rows: readonly CatalogCsvRow[],
  errors: CsvRowError[],
): Promise<ImportPlan> {
  const skus = [...new Set(rows.flatMap((r) => (r.sku === null ? [] : [r.sku])))];
  const keys = [...new Set(rows.flatMap((r) => r.barcode?.conflictKeys ?? []))];
  const bySku = new Map(
    (await inChunks(skus, (chunk) => selectVariantRows(db).where('v.sku', 'in', chunk).execute())).map(
      (r) => [r.sku!, toVariantView(r)],
    ),
  );
  const byKey = new Map<string, VariantView>();
  for (const r of await inChunks(keys, (chunk) =>
    selectVariantRows(db).where('v.barcode_key', 'in', chunk).execute(),
  )) {
    byKey.set(r.barcode_key!, toVariantView(r));
  }

  // Products the file touches that already exist: by the SKUs it updates and by the names it uses.
  const names = [...new Set(rows.map((r) => r.productName))];
  const productIds = [...new Set([...bySku.values(), ...byKey.values()].map((v) => v.productId))];
  const products = [
    ...(await inChunks(productIds, (chunk) =>
      db.selectFrom('products').selectAll().where('id', 'in', chunk).execute(),
    )),
    ...(await inChunks(names, (chunk) =>
      db.selectFrom('products').selectAll().where('name', 'in', chunk).orderBy('id').execute(),
    )),
  ];
  const facts = new Map<string, ProductFacts>();
  const productByName = new Map<string, string>();
  for (const product of products) {
    if (facts.has(product.id)) continue;
    facts.set(product.id, {
      name: product.name,
      taxRateBp: product.tax_rate_bp,
      optionNames: parseStringArray(product.option_names),
      row: null,
      titles: new Map(),
      nextPosition: 0,
    });
    if (!productByName.has(product.name)) productByName.set(product.name, product.id);
  }
  const existingVariants = await inChunks([...facts.keys()], (chunk) =>
    db
      .selectFrom('product_variants')
      .select(['id', 'product_id', 'title', 'position'])
      .where('product_id', 'in', chunk)
      .execute(),
  );
  for (const variant of existingVariants) {
    const f = facts.get(variant.product_id)!;
    f.titles.set(variant.id, variant.title);
    f.nextPosition = Math.max(f.nextPosition, Number(variant.position) + 1);
  }

  const plan: ImportPlan = {
    newProducts: [],
    newVariants: [],
    variantUpdates: [],
    productUpdates: [],
    unchanged: 0,
    nextPositions: new Map(),
  };
  const fail = (row: CatalogCsvRow, field: string, message: string) =>
    errors.push({ row: row.row, field, message });

  // A row is matched by SKU; one without a SKU by its barcode, so an exported item that has no SKU
  // is updated on re-import rather than created twice.
  const matchOf = (row: CatalogCsvRow): VariantView | undefined =>
    row.sku !== null ? bySku.get(row.sku) : row.barcode ? byKey.get(row.barcode.key) : undefined;
  // Updates first: a renamed product is found by its new name by the rows that add to it.
  const updating = rows.filter((row) => matchOf(row) !== undefined);
  const creating = rows.filter((row) => matchOf(row) === undefined);
  for (const row of updating) {
    const variant = matchOf(row)!;
    const f = facts.get(variant.productId)!;
    if (!sameList(f.optionNames, row.optionNames)) {
      fail(
        row,
        'option_names',
        `the product's options are ${f.optionNames.join('|') || '(none)'}; an import cannot change them`,
      );
      continue;
    }
    if (f.row !== null && f.name !== row.productName) {
      fail(row, 'product_name', `row ${f.row} gives this product the name "${f.name}"`);
      continue;
    }
    if (f.row !== null && f.taxRateBp !== row.taxRateBp) {
      fail(row, 'tax_rate_percent', `row ${f.row} gives this product a different tax rate`);
      continue;
    }
    if (f.row === null) {
      f.row = row.row;
      if (f.name !== row.productName || f.taxRateBp !== row.taxRateBp) {
        plan.productUpdates.push({
          productId: variant.productId,
          name: row.productName,
          taxRateBp: row.taxRateBp,
        });
      }
      f.name = row.productName;
      f.taxRateBp = row.taxRateBp;
      productByName.set(row.productName, variant.productId);
    }
    f.titles.set(variant.id, row.title);
    checkBarcodeFree(row, variant.id, byKey, fail);
    // Re-importing an export mostly repeats what is stored: only rows that change something are written.
    if (rowChangesVariant(row, variant)) plan.variantUpdates.push({ variantId: variant.id, row });
    else plan.unchanged++;
  }

  const newByName = new Map<string, ProductFacts & { key: string }>();
  for (const row of creating) {
    checkBarcodeFree(row, undefined, byKey, fail);
    const existingId = productByName.get(row.productName);
    let f: ProductFacts | undefined = existingId ? facts.get(existingId) : newByName.get(row.productName);
    const ref = existingId ?? `new:${row.productName}`;
    if (!f) {
      const created = {
        key: ref,
        name: row.productName,
        taxRateBp: row.taxRateBp,
        optionNames: row.optionNames,
        row: row.row,
        titles: new Map(),
        nextPosition: 0,
      };
      newByName.set(row.productName, created);
      plan.newProducts.push({
        key: ref,
        name: row.productName,
        taxRateBp: row.taxRateBp,
        optionNames: row.optionNames,
      });
      f = created;
    }
    const source = f.row === null ? 'the product in the shop' : `row ${f.row}`;
    if (!sameList(f.optionNames, row.optionNames)) {
      fail(row, 'option_names', `${source} has options ${f.optionNames.join('|') || '(none)'}`);
      continue;
    }
    if (f.taxRateBp !== row.taxRateBp) {
      fail(row, 'tax_rate_percent', `${source} gives "${row.productName}" a different tax rate`);
      continue;
    }
    f.titles.set(`row:${row.row}`, row.title);
    plan.newVariants.push({ productRef: ref, row });
  }

  for (const [productId, f] of facts) plan.nextPositions.set(productId, f.nextPosition);
  reportDuplicateTitles([...facts.values(), ...newByName.values()], rows, errors);
  return plan;
}

function checkBarcodeFree(
  row: CatalogCsvRow,
  ownVariantId: string | undefined,
  byKey: Map<string, VariantView>,
  fail: (row: CatalogCsvRow, field: string, message: string) => void,
) {
  for (const key of row.barcode?.conflictKeys ?? []) {
    const holder = byKey.get(key);
    if (holder && holder.id !== ownVariantId) {
      fail(row, 'barcode', `barcode ${row.barcode!.barcode} already belongs to ${describeVariant(holder)}`);
      return;
    }
  }
}

/** Two variants of one product with the same option values could not be told apart at the till. */
function reportDuplicateTitles(
  products: readonly ProductFacts[],
  rows: readonly CatalogCsvRow[],
  errors: CsvRowError[],
) {
  const rowByNumber = new Map(rows.map((r) => [r.row, r]));
  for (const f of products) {
    const seen = new Map<string, string>();
    for (const [source, title] of f.titles) {
      const first = seen.get(title);
      if (first === undefined) {
        seen.set(title, source);
        continue;
      }
      const rowNumber = source.startsWith('row:') ? Number(source.slice(4)) : undefined;
      const row = rowNumber === undefined ? undefined : rowByNumber.get(rowNumber);
      errors.push({
        row: row?.row ?? f.row ?? 1,
        field: 'option_values',
        message: `"${f.name}" would have two variants "${title}"`,
      });
    }
  }
}

function rowChangesVariant(row: CatalogCsvRow, variant: VariantView): boolean {
  const storedKey = variant.gtin ?? (variant.barcode === null ? null : `int:${variant.barcode}`);
  return (
    row.title !== variant.title ||
    !sameList(row.optionValues, variant.optionValues) ||
    (row.barcode?.barcode ?? null) !== variant.barcode ||
    (row.barcode?.key ?? null) !== storedKey ||
    row.priceMinor !== variant.priceMinor ||
    row.costMinor !== variant.costMinor ||
    row.lowStockThreshold !== variant.lowStockThreshold
  );
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}
