import type { LightMyRequestResponse } from 'fastify';
import { importCsvCommand } from '../../src/catalog/catalog-csv.cli.ts';
import type { Db } from '../../src/db/database.ts';
import { SESSION_COOKIE } from '../../src/server/authenticate.ts';
import { systemClock } from '../../src/shared/clock.ts';
import { newId } from '../../src/shared/ids.ts';
import { WEBHOOK_PATH } from '../../src/shopify/connect.service.ts';
import type { BadInputShop } from './bad-input-shop.ts';
import type { CsvCliCase, CsvHttpCase } from './csv-cases.ts';
import type { Caller, HttpCase } from './http-cases.ts';
import type { WebhookDelivery } from './webhook-cases.ts';

/** How each door's cases are sent: shared by the tests and by the doc generator (write-doc.ts). */

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

export function sendHttpCase(shop: BadInputShop, row: HttpCase): Promise<LightMyRequestResponse> {
  const request = row.request(shop);
  const headers = headersOf(shop, row.caller ?? 'owner');
  if (request.contentType) headers['content-type'] = request.contentType;
  return shop.app.inject({
    method: request.method,
    url: request.url,
    headers,
    ...(request.payload !== undefined ? { payload: request.payload as object } : {}),
    ...(request.body !== undefined ? { body: request.body } : {}),
  });
}

export function sendCsvHttpCase(shop: BadInputShop, row: CsvHttpCase): Promise<LightMyRequestResponse> {
  return shop.app.inject({
    method: 'POST',
    url: '/api/catalog/import',
    headers: { cookie: shop.cookies[row.caller ?? 'owner'], 'content-type': row.contentType ?? 'text/csv' },
    body: row.body,
  });
}

/** Runs `tillsync import-csv` as the CLI does; returns the exit code and what it printed to stderr. */
export async function runCsvCliCase(
  db: Db,
  row: CsvCliCase,
  dir: string,
): Promise<{ exit: number; stderr: string[] }> {
  const stderr: string[] = [];
  const io = { print: () => {}, printError: (line: string) => stderr.push(line), progress: false };
  const exit = await importCsvCommand(db, { clock: systemClock, newId }, row.path.replace('{dir}', dir), io);
  return { exit, stderr };
}

export function deliverWebhook(
  shop: BadInputShop,
  delivery: WebhookDelivery,
): Promise<LightMyRequestResponse> {
  return shop.app.inject({
    method: 'POST',
    url: WEBHOOK_PATH,
    headers: delivery.headers,
    body: delivery.body,
  });
}
