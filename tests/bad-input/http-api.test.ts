import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/test-databases.ts';
import { type BadInputShop, openBadInputShop } from './bad-input-shop.ts';
import { HTTP_CASES, type HttpCase, httpCaseName } from './http-cases.ts';
import { sendHttpCase } from './send-case.ts';
import { changedTables, snapshotState } from './state-snapshot.ts';

describeEachDatabase('bad input: HTTP API', (t) => {
  let shop: BadInputShop;
  beforeAll(async () => {
    shop = await openBadInputShop(t.db);
  }, 60_000);

  it.each(HTTP_CASES.map((row) => [httpCaseName(row), row] as [string, HttpCase]))(
    '%s',
    async (_name, row) => {
      const before = await snapshotState(t.db);
      const response = await sendHttpCase(shop, row);
      const after = await snapshotState(t.db);

      expect(response.statusCode, response.body).toBe(row.status);
      const { error } = response.json() as { error: { code: string; message: string; field?: string } };
      expect(error.code).toBe(row.code);
      if (row.field !== undefined) expect(error.field).toBe(row.field);
      const named = row.says ?? (row.field === '(body)' ? 'body' : row.field?.split('.').at(-1));
      expect(error.message.toLowerCase()).toContain(named?.toLowerCase());
      expect(
        changedTables(before, after).filter((table) => !row.writes?.some((w) => table.startsWith(`${w} `))),
      ).toEqual([]);
    },
  );
});
