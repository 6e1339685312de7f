import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../tests/support/test-databases.ts';
import { systemClock } from '../shared/clock.ts';
import { newId } from '../shared/ids.ts';
import { exportCsvCommand, importCsvCommand } from './catalog-csv.cli.ts';
import { seedDemoCatalog } from './demo-catalog.ts';

const dir = mkdtempSync(join(tmpdir(), 'tillsync-csv-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: { print: (l: string) => out.push(l), printError: (l: string) => err.push(l), progress: false },
  };
}

const deps = { clock: systemClock, newId };

describeEachDatabase('tillsync import-csv / export-csv', (t) => {
  it('exports an empty catalogue as just the header', async () => {
    const file = join(dir, `empty-${t.test.connection.dialect}.csv`);
    const { io, out } = capture();
    expect(await exportCsvCommand(t.db, file, io)).toBe(0);
    expect(readFileSync(file, 'utf8').trim()).toBe(
      'product_name,variant_title,option_names,option_values,sku,barcode,internal_barcode,price,cost,tax_rate_percent,low_stock_threshold',
    );
    expect(out).toEqual([`exported 0 variant(s) to ${file}`]);
  });

  it('exports the catalogue to a file and re-imports it, writing nothing for unchanged rows', async () => {
    const { variantIds } = await seedDemoCatalog(t.db.kysely, deps);
    const file = join(dir, `catalog-${t.test.connection.dialect}.csv`);
    const { io, out } = capture();
    expect(await exportCsvCommand(t.db, file, io)).toBe(0);
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(variantIds.length + 1);
    expect(await importCsvCommand(t.db, deps, file, io)).toBe(0);
    expect(out.at(-1)).toBe(
      `imported ${file}: 0 variant(s) created, 0 updated, ${variantIds.length} unchanged`,
    );
  });

  it('prints every bad row, exits 1 and imports nothing', async () => {
    const file = join(dir, `bad-${t.test.connection.dialect}.csv`);
    writeFileSync(
      file,
      'product_name,price,tax_rate_percent,sku\nFine,1.00,20,NEW-1\nBroken,1.2.3,20,NEW-2\n',
    );
    const { io, err } = capture();
    expect(await importCsvCommand(t.db, deps, file, io)).toBe(1);
    expect(err[0]).toContain('was not imported');
    expect(err[1]).toMatch(/row 3, price: /);
    const row = await t.db.kysely
      .selectFrom('product_variants')
      .select('id')
      .where('sku', '=', 'NEW-1')
      .executeTakeFirst();
    expect(row).toBeUndefined();
  });

  it('refuses a path that is not a regular file', async () => {
    const { io, err } = capture();
    expect(await importCsvCommand(t.db, deps, dir, io)).toBe(1);
    expect(await importCsvCommand(t.db, deps, join(dir, 'missing.csv'), io)).toBe(1);
    expect(await exportCsvCommand(t.db, dir, io)).toBe(1);
    expect(err).toHaveLength(3);
  });
});
