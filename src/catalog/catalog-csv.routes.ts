import { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { stringify } from 'csv-stringify';
import { Type } from 'typebox';
import type { AppDeps } from '../server/app-deps.ts';
import { requirePermission } from '../server/authenticate.ts';
import { CATALOG_CSV_COLUMNS } from './csv/catalog-csv-format.ts';
import { exportCatalogRecords } from './csv/export-catalog-csv.service.ts';
import { importCatalogCsv } from './csv/import-catalog-csv.service.ts';

/** A 100k-variant catalogue is about 12 MB of CSV. */
export const CSV_BODY_LIMIT = 20 * 1024 * 1024;

export const catalogCsvRoutes: FastifyPluginAsyncTypebox<{ deps: AppDeps }> = async (app, { deps }) => {
  const db = deps.db.kysely;
  // Scoped to this plugin: only the import route takes CSV bodies, and only it gets the larger limit.
  app.addContentTypeParser(
    'text/csv',
    { parseAs: 'string', bodyLimit: CSV_BODY_LIMIT },
    (_request, body, done) => done(null, body),
  );

  app.get(
    '/api/catalog/export.csv',
    {
      preHandler: requirePermission('catalog.read'),
      schema: { tags: ['catalog'], summary: 'The whole catalogue as CSV, one row per variant (streamed)' },
    },
    async (_request, reply) => {
      const csv = Readable.from(exportCatalogRecords(db)).pipe(
        stringify({ header: true, columns: [...CATALOG_CSV_COLUMNS] }),
      );
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="catalog.csv"')
        .send(csv);
    },
  );

  app.post(
    '/api/catalog/import',
    {
      preHandler: requirePermission('catalog.write'),
      bodyLimit: CSV_BODY_LIMIT,
      schema: {
        tags: ['catalog'],
        summary: 'Create or update variants from a CSV (keyed by SKU); one bad row and nothing is imported',
        consumes: ['text/csv'],
        body: Type.String({ maxLength: CSV_BODY_LIMIT }),
        response: {
          200: Type.Object({ created: Type.Integer(), updated: Type.Integer(), unchanged: Type.Integer() }),
        },
      },
    },
    async (request) => db.transaction().execute((trx) => importCatalogCsv(trx, deps, request.body)),
  );
};
