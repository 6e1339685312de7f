import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppDeps } from '../server/app-deps.ts';
import { requirePermission } from '../server/authenticate.ts';
import { invalid } from '../shared/app-error.ts';
import { isoNow } from '../shared/clock.ts';
import { miscSalesByStaffAndDay } from './misc-sales-report.repository.ts';

const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

export const reportsRoutes: FastifyPluginAsyncTypebox<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get(
    '/api/reports/misc-sales',
    {
      preHandler: requirePermission('reports.read'),
      schema: {
        tags: ['reports'],
        summary: 'Misc sales per staff member and day (defaults: the last 30 days)',
        querystring: Type.Object(
          { from: Type.Optional(Day), to: Type.Optional(Day) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Array(
            Type.Object({
              day: Type.String(),
              staffId: Type.String(),
              staffName: Type.String(),
              salesCount: Type.Integer(),
              lineCount: Type.Integer(),
              amountMinor: Type.Integer(),
            }),
          ),
        },
      },
    },
    async (request) => {
      const today = isoNow(deps.clock).slice(0, 10);
      const to = request.query.to ?? today;
      const from =
        request.query.from ??
        new Date(Date.parse(`${to}T00:00:00Z`) - 29 * 86_400_000).toISOString().slice(0, 10);
      if (Number.isNaN(Date.parse(`${from}T00:00:00Z`)) || Number.isNaN(Date.parse(`${to}T00:00:00Z`))) {
        throw invalid('DATE_INVALID', 'from and to must be real dates (YYYY-MM-DD)', 'from');
      }
      if (from > to) throw invalid('RANGE_INVALID', 'from must not be after to', 'from');
      return miscSalesByStaffAndDay(deps.db.kysely, { from, to });
    },
  );
};
