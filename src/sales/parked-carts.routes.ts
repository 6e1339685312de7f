import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppDeps } from '../server/app-deps.ts';
import { actorWith, requirePermission } from '../server/authenticate.ts';
import { notFound } from '../shared/app-error.ts';
import { listParkedCarts, parkCart, recallParkedCart } from './parked-carts.repository.ts';

const ParkedCartSchema = Type.Object({
  id: Type.String(),
  registerId: Type.String(),
  staffId: Type.String(),
  label: Type.Union([Type.String(), Type.Null()]),
  cart: Type.Unknown(),
  createdAt: Type.String(),
});

export const parkedCartsRoutes: FastifyPluginAsyncTypebox<{ deps: AppDeps }> = async (app, { deps }) => {
  const db = deps.db.kysely;

  app.get(
    '/api/parked-carts',
    {
      preHandler: requirePermission('sales.sell'),
      schema: {
        tags: ['sales'],
        summary: 'Parked carts, oldest first',
        querystring: Type.Object(
          { registerId: Type.Optional(Type.String({ maxLength: 64 })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Array(ParkedCartSchema) },
      },
    },
    async (request) => listParkedCarts(db, request.query.registerId),
  );

  app.post(
    '/api/parked-carts',
    {
      preHandler: requirePermission('sales.sell'),
      schema: {
        tags: ['sales'],
        summary: 'Park a cart (its JSON, at most 64 KB)',
        body: Type.Object(
          {
            registerId: Type.String({ minLength: 1, maxLength: 64 }),
            label: Type.Optional(Type.String({ maxLength: 100 })),
            cart: Type.Unknown(),
          },
          { additionalProperties: false },
        ),
        response: { 201: ParkedCartSchema },
      },
    },
    async (request, reply) => {
      const actor = actorWith(request, 'sales.sell');
      return reply.status(201).send(await parkCart(db, deps, actor.staffId, request.body));
    },
  );

  app.delete(
    '/api/parked-carts/:id',
    {
      preHandler: requirePermission('sales.sell'),
      schema: {
        tags: ['sales'],
        summary: 'Recall a parked cart: removes it and returns it',
        params: Type.Object({ id: Type.String({ maxLength: 80 }) }),
        response: { 200: ParkedCartSchema },
      },
    },
    async (request) => {
      const cart = await recallParkedCart(db, request.params.id);
      if (!cart) throw notFound('PARKED_CART_NOT_FOUND', 'that cart was already recalled or never parked');
      return cart;
    },
  );
};
