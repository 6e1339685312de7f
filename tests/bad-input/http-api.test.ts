import { beforeAll, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../src/server/authenticate.ts';
import { describeEachDatabase } from '../support/test-databases.ts';
import { type BadInputShop, openBadInputShop } from './bad-input-shop.ts';
import { type Caller, HTTP_CASES, type HttpCase, httpCaseName } from './http-cases.ts';
import { changedTables, snapshotState } from './state-snapshot.ts';

function headersOf(shop: BadInputShop, caller: Caller): Record<string, string> {
  switch (caller) {
    case 'nobody':
      return {};
    case 'garbage':
      return { cookie: `${SESSION_COOKIE}=garbage` };
    case 'bad-token':
      return { authorization: 'Bearer tsk_made_up' };
    default:
      return { cookie: shop.cookies[caller] };
  }
}

describeEachDatabase('bad input: HTTP API', (t) => {
  let shop: BadInputShop;
  beforeAll(async () => {
    shop = await openBadInputShop(t.db);
  }, 60_000);

  it.each(HTTP_CASES.map((row) => [httpCaseName(row), row] as [string, HttpCase]))(
    '%s',
    async (_name, row) => {
      const request = row.request(shop);
      const headers = headersOf(shop, row.caller ?? 'owner');
      if (request.contentType) headers['content-type'] = request.contentType;
      const before = await snapshotState(t.db);
      const response = await shop.app.inject({
        method: request.method,
        url: request.url,
        headers,
        ...(request.payload !== undefined ? { payload: request.payload as object } : {}),
        ...(request.body !== undefined ? { body: request.body } : {}),
      });
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
