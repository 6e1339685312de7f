import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/test-databases.ts';
import { type BadInputShop, openBadInputShop } from './bad-input-shop.ts';
import { CSV_CLI_CASES, CSV_HTTP_CASES } from './csv-cases.ts';
import { runCsvCliCase, sendCsvHttpCase } from './send-case.ts';
import { changedTables, snapshotState } from './state-snapshot.ts';

const dir = mkdtempSync(join(tmpdir(), 'tillsync-bad-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeEachDatabase('bad input: CSV import', (t) => {
  let shop: BadInputShop;
  beforeAll(async () => {
    shop = await openBadInputShop(t.db);
  }, 60_000);

  it.each(CSV_HTTP_CASES.map((row) => [row.case, row] as const))(
    'POST /api/catalog/import: %s',
    async (_, row) => {
      const before = await snapshotState(t.db);
      const response = await sendCsvHttpCase(shop, row);
      expect(response.statusCode, response.body.slice(0, 500)).toBe(row.status);
      const { error } = response.json() as {
        error: { code: string; message: string; details?: { rows: Array<{ row: number; field: string }> } };
      };
      expect(error.code).toBe(row.code);
      expect(error.message).toContain(row.says);
      if (row.problems) {
        expect(error.details?.rows.map((problem) => `${problem.row}:${problem.field}`)).toEqual(row.problems);
      }
      expect(changedTables(before, await snapshotState(t.db))).toEqual([]);
    },
  );

  it.each(CSV_CLI_CASES.map((row) => [row.case, row] as const))('tillsync import-csv: %s', async (_, row) => {
    if (row.file) writeFileSync(join(dir, row.file.name), row.file.content);
    const before = await snapshotState(t.db);
    const { exit, stderr } = await runCsvCliCase(t.db, row, dir);
    expect(exit).toBe(1);
    expect(stderr.join('\n')).toContain(row.says);
    expect(changedTables(before, await snapshotState(t.db))).toEqual([]);
  });
});
