import { CsvError, parse } from 'csv-parse/sync';
import { formatMinor, parseDecimalToMinor } from '../../core/money.ts';
import { AppError } from '../../shared/app-error.ts';
import { type ResolvedBarcode, resolveBarcodeInput } from '../barcode-input.ts';
import { variantTitle } from '../catalog.repository.ts';
import { MAX_CATALOG_MINOR } from '../catalog.schemas.ts';
import { normaliseSku } from '../variant-input.ts';
import { CATALOG_CSV_COLUMNS, type CatalogCsvColumn, splitList } from './catalog-csv-format.ts';

/** One problem in an import file. `row` counts as a spreadsheet does: the header is row 1. */
export interface CsvRowError {
  row: number;
  field: string;
  message: string;
}

/** A CSV row that passed every check that needs no database. */
export interface CatalogCsvRow {
  row: number;
  productName: string;
  optionNames: string[];
  optionValues: string[];
  title: string;
  sku: string | null;
  barcode: ResolvedBarcode | null;
  priceMinor: number;
  costMinor: number | null;
  taxRateBp: number;
  lowStockThreshold: number | null;
}

const TRUE = new Set(['true', 'yes', 'y', '1']);
const FALSE = new Set(['false', 'no', 'n', '0', '']);

/**
 * Parses and checks every row; never stops at the first problem, so the report lists all of them.
 * Checks here need no database: shapes, amounts, barcodes, and duplicates inside the file.
 */
export function readCatalogCsv(text: string): { rows: CatalogCsvRow[]; errors: CsvRowError[] } {
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    // PostgreSQL cannot store it and no catalogue needs it: most likely not a CSV file at all.
    const row = text.slice(0, nul).split('\n').length;
    return {
      rows: [],
      errors: [{ row, field: '(file)', message: 'the file holds a NUL character; is it a CSV file?' }],
    };
  }
  let records: Array<{ record: Record<string, string>; info: { lines: number } }>;
  try {
    records = parse(text, { columns: true, bom: true, skip_empty_lines: true, trim: true, info: true });
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as unknown as { lines?: number }).lines ?? 1;
      return { rows: [], errors: [{ row: line, field: '(file)', message: error.message }] };
    }
    throw error;
  }
  const errors: CsvRowError[] = [];
  const header = records[0] ? Object.keys(records[0].record) : [];
  if (records.length === 0) {
    errors.push({ row: 1, field: '(file)', message: 'the file has no rows under its header' });
    return { rows: [], errors };
  }
  for (const column of header) {
    if (!(CATALOG_CSV_COLUMNS as readonly string[]).includes(column)) {
      errors.push({ row: 1, field: column, message: `unknown column "${column}"` });
    }
  }
  for (const required of ['product_name', 'price', 'tax_rate_percent'] as const) {
    if (!header.includes(required))
      errors.push({ row: 1, field: required, message: `column "${required}" is missing` });
  }
  if (errors.length > 0) return { rows: [], errors };

  const rows: CatalogCsvRow[] = [];
  for (const { record, info } of records) {
    const row = readRow(record as Partial<Record<CatalogCsvColumn, string>>, info.lines, errors);
    if (row) rows.push(row);
  }
  findDuplicatesInFile(rows, errors);
  return { rows, errors };
}

function readRow(
  record: Partial<Record<CatalogCsvColumn, string>>,
  row: number,
  errors: CsvRowError[],
): CatalogCsvRow | null {
  const before = errors.length;
  const fail = (field: string, message: string) => errors.push({ row, field, message });
  const text = (column: CatalogCsvColumn) => record[column]?.trim() ?? '';

  const productName = text('product_name');
  if (productName === '') fail('product_name', 'product_name is required');
  if (productName.length > 200) fail('product_name', 'product_name is longer than 200 characters');

  const optionNames = splitList(text('option_names'));
  const optionValues = splitList(text('option_values'));
  if (new Set(optionNames).size !== optionNames.length || optionNames.some((n) => n === '')) {
    fail('option_names', 'option names must be distinct and not blank');
  }
  if (optionNames.length > 3) fail('option_names', 'a product has at most 3 options');
  if (optionValues.length !== optionNames.length) {
    fail('option_values', `${optionNames.length} option name(s) but ${optionValues.length} value(s)`);
  } else if (optionValues.some((v) => v === '')) fail('option_values', 'an option value may not be blank');

  const sku = normaliseSku(text('sku'));
  if (sku !== null && sku.length > 64) fail('sku', 'sku is longer than 64 characters');

  const internalText = text('internal_barcode').toLowerCase();
  const internal = TRUE.has(internalText);
  if (!internal && !FALSE.has(internalText))
    fail('internal_barcode', 'internal_barcode must be true or false');
  let barcode: ResolvedBarcode | null = null;
  if (text('barcode') !== '') {
    try {
      barcode = resolveBarcodeInput(text('barcode'), internal, 'barcode');
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      fail('barcode', error.message.replace(/internalBarcode: true/, 'internal_barcode true'));
    }
  }

  const money = (column: CatalogCsvColumn, required: boolean): number | null => {
    const value = text(column);
    if (value === '') {
      if (required) fail(column, `${column} is required`);
      return null;
    }
    try {
      const minor = parseDecimalToMinor(value);
      if (minor < 0) fail(column, `${column} may not be negative`);
      else if (minor > MAX_CATALOG_MINOR)
        fail(column, `${column} is larger than ${formatMinor(MAX_CATALOG_MINOR)}`);
      return minor;
    } catch (error) {
      fail(column, (error as Error).message);
      return null;
    }
  };
  const priceMinor = money('price', true);
  const costMinor = money('cost', false);
  const taxRateBp = money('tax_rate_percent', true);
  if (taxRateBp !== null && taxRateBp > 10_000) fail('tax_rate_percent', 'tax_rate_percent is at most 100');

  let lowStockThreshold: number | null = null;
  const thresholdText = text('low_stock_threshold');
  if (thresholdText !== '') {
    if (/^[0-9]{1,7}$/.test(thresholdText)) lowStockThreshold = Number(thresholdText);
    else fail('low_stock_threshold', 'low_stock_threshold must be a whole number, 0 or more');
  }

  if (errors.length > before) return null;
  return {
    row,
    productName,
    optionNames,
    optionValues,
    title: variantTitle(optionValues),
    sku,
    barcode,
    priceMinor: priceMinor!,
    costMinor,
    taxRateBp: taxRateBp!,
    lowStockThreshold,
  };
}

/** A SKU or barcode twice in one file is refused on the later row, naming the earlier one. */
function findDuplicatesInFile(rows: readonly CatalogCsvRow[], errors: CsvRowError[]): void {
  const skuRows = new Map<string, number>();
  const barcodeRows = new Map<string, number>();
  for (const row of rows) {
    if (row.sku !== null) {
      const first = skuRows.get(row.sku);
      if (first !== undefined)
        errors.push({ row: row.row, field: 'sku', message: `SKU ${row.sku} is also on row ${first}` });
      else skuRows.set(row.sku, row.row);
    }
    for (const key of row.barcode?.conflictKeys ?? []) {
      const first = barcodeRows.get(key);
      if (first !== undefined) {
        errors.push({
          row: row.row,
          field: 'barcode',
          message: `barcode ${row.barcode!.barcode} is also on row ${first}`,
        });
        break;
      }
      barcodeRows.set(key, row.row);
    }
  }
}
