import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppDeps } from '../server/app-deps.ts';
import { actorWith, requirePermission } from '../server/authenticate.ts';
import { notFound } from '../shared/app-error.ts';
import { recordSale } from './record-sale.service.ts';
import { SaleRequestSchema, SaleViewSchema } from './sale.schemas.ts';
import { findSaleIdByNumber, loadSaleView, searchSales } from './sale-view.repository.ts';

export const salesRoutes: FastifyPluginAsyncTypebox<{ deps: AppDeps }> = async (app, { deps }) => {
  const db = deps.db.kysely;

  app.post(
    '/api/sales',
    {
      preHandler: requirePermission('sales.sell'),
      schema: {
        tags: ['sales'],
        summary:
          'Record a sale (idempotent on the client-generated id: a replay answers 200 with the stored sale)',
        body: SaleRequestSchema,
        response: { 200: SaleViewSchema, 201: SaleViewSchema },
      },
    },
    async (request, reply) => {
      const actor = actorWith(request, 'sales.sell');
      const { sale, replayed } = await recordSale(deps.db, deps, actor, request.body);
      return reply.status(replayed ? 200 : 201).send(sale);
    },
  );

  app.get(
    '/api/sales',
    {
      preHandler: requirePermission('sales.read'),
      schema: {
        tags: ['sales'],
        summary: 'Sales, newest first; q is a sale number, sale id, or text in a line',
        querystring: Type.Object(
          {
            q: Type.Optional(Type.String({ maxLength: 100 })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
            cursor: Type.Optional(Type.String({ pattern: '^[0-9]{1,15}$' })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            items: Type.Array(SaleViewSchema),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
          }),
        },
      },
    },
    async (request) =>
      searchSales(db, {
        q: request.query.q,
        limit: request.query.limit ?? 25,
        cursor: request.query.cursor === undefined ? undefined : Number(request.query.cursor),
      }),
  );

  app.get(
    '/api/sales/by-number/:number',
    {
      preHandler: requirePermission('sales.read'),
      schema: {
        tags: ['sales'],
        summary: 'A sale by its human number (as printed on the receipt)',
        params: Type.Object({ number: Type.String({ pattern: '^[0-9]{1,15}$' }) }),
        response: { 200: SaleViewSchema },
      },
    },
    async (request) => {
      const id = await findSaleIdByNumber(db, Number(request.params.number));
      const sale = id && (await loadSaleView(db, id));
      if (!sale) throw notFound('SALE_NOT_FOUND', `no sale number ${request.params.number}`);
      return sale;
    },
  );

  app.get(
    '/api/sales/:id',
    {
      preHandler: requirePermission('sales.read'),
      schema: {
        tags: ['sales'],
        summary: 'A sale, for the receipt and returns',
        params: Type.Object({ id: Type.String({ maxLength: 80 }) }),
        response: { 200: SaleViewSchema },
      },
    },
    async (request) => {
      const sale = await loadSaleView(db, request.params.id);
      if (!sale) throw notFound('SALE_NOT_FOUND', `no sale ${request.params.id}`);
      return sale;
    },
  );
};
