import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppDeps } from '../server/app-deps.ts';
import { actorWith, requirePermission } from '../server/authenticate.ts';
import { notFound } from '../shared/app-error.ts';
import { recordReturn } from './record-return.service.ts';
import { loadReturnView } from './returns.repository.ts';
import { ApprovalSchema, Method, Quantity } from './sale.schemas.ts';

const ReturnViewSchema = Type.Object({
  id: Type.String(),
  saleId: Type.String(),
  saleNumber: Type.Integer(),
  staffId: Type.String(),
  createdAt: Type.String(),
  lines: Type.Array(
    Type.Object({
      id: Type.String(),
      saleLineId: Type.String(),
      description: Type.String(),
      quantity: Type.Integer(),
      restock: Type.Boolean(),
      refundMinor: Type.Integer(),
    }),
  ),
  refundMinor: Type.Integer(),
  refunds: Type.Array(Type.Object({ method: Method, amountMinor: Type.Integer() })),
});

export const returnsRoutes: FastifyPluginAsyncTypebox<{ deps: AppDeps }> = async (app, { deps }) => {
  app.post(
    '/api/sales/:id/returns',
    {
      preHandler: requirePermission('sales.return'),
      schema: {
        tags: ['sales'],
        summary: 'Return some or all lines of a sale (idempotent on the client-generated id)',
        params: Type.Object({ id: Type.String({ maxLength: 80 }) }),
        body: Type.Object(
          {
            id: Type.String({ pattern: '^ret_[0-9A-Za-z]{1,60}$' }),
            lines: Type.Array(
              Type.Object(
                {
                  saleLineId: Type.String({ minLength: 1, maxLength: 80 }),
                  quantity: Quantity,
                  restock: Type.Boolean(),
                },
                { additionalProperties: false },
              ),
              { minItems: 1, maxItems: 500 },
            ),
            approval: Type.Optional(ApprovalSchema),
          },
          { additionalProperties: false },
        ),
        response: { 200: ReturnViewSchema, 201: ReturnViewSchema },
      },
    },
    async (request, reply) => {
      const actor = actorWith(request, 'sales.return');
      const { view, replayed } = await recordReturn(deps.db, deps, actor, request.params.id, request.body);
      return reply.status(replayed ? 200 : 201).send(view);
    },
  );

  app.get(
    '/api/returns/:id',
    {
      preHandler: requirePermission('sales.read'),
      schema: {
        tags: ['sales'],
        summary: 'A recorded return',
        params: Type.Object({ id: Type.String({ maxLength: 80 }) }),
        response: { 200: ReturnViewSchema },
      },
    },
    async (request) => {
      const view = await loadReturnView(deps.db.kysely, request.params.id);
      if (!view) throw notFound('RETURN_NOT_FOUND', `no return ${request.params.id}`);
      return view;
    },
  );
};
