import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { inWriteTransaction } from '../db/write-transaction.ts';
import type { AppDeps } from '../server/app-deps.ts';
import { actorWith, requirePermission } from '../server/authenticate.ts';
import {
  AdjustmentBody,
  CountBody,
  MovementSchema,
  ReceiptBody,
  StockDocumentSchema,
  TransferBody,
} from './stock.schemas.ts';
import { countStock } from './stock-count.service.ts';
import { adjustStock, receiveGoods, transferStock } from './stock-documents.service.ts';

/**
 * The stock-changing back-office documents. Each request is one write transaction (the route owns it):
 * every movement of the document and its level changes commit together, or nothing is written.
 * 201 when recorded; 200 with the earlier document when its client-made id was already recorded.
 */
export const stockRoutes: FastifyPluginAsyncTypebox<{ deps: AppDeps }> = async (app, { deps }) => {
  const write = requirePermission('stock.write');
  const actorOf = (request: Parameters<typeof actorWith>[0]) => {
    const actor = actorWith(request, 'stock.write');
    return { staffId: actor.staffId, displayName: actor.displayName };
  };

  app.post(
    '/api/stock/receipts',
    {
      preHandler: write,
      schema: {
        tags: ['inventory'],
        summary: 'Receive goods at a location',
        body: ReceiptBody,
        response: { 200: StockDocumentSchema, 201: StockDocumentSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const result = await inWriteTransaction(deps.db, (trx) => receiveGoods(trx, deps, actor, request.body));
      return reply.status(result.replayed ? 200 : 201).send(result);
    },
  );

  app.post(
    '/api/stock/adjustments',
    {
      preHandler: write,
      schema: {
        tags: ['inventory'],
        summary: 'Adjust on_hand by a signed delta, with a reason',
        body: AdjustmentBody,
        response: { 200: MovementSchema, 201: MovementSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const result = await inWriteTransaction(deps.db, (trx) => adjustStock(trx, deps, actor, request.body));
      return reply.status(result.replayed ? 200 : 201).send(result.movement);
    },
  );

  app.post(
    '/api/stock/counts',
    {
      preHandler: write,
      schema: {
        tags: ['inventory'],
        summary: 'Record a stock count: on_hand becomes the counted number, the movement the difference',
        body: CountBody,
        response: { 200: StockDocumentSchema, 201: StockDocumentSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const result = await inWriteTransaction(deps.db, (trx) => countStock(trx, deps, actor, request.body));
      return reply.status(result.replayed ? 200 : 201).send(result);
    },
  );

  app.post(
    '/api/stock/transfers',
    {
      preHandler: write,
      schema: {
        tags: ['inventory'],
        summary: 'Move stock between two locations (both sides or neither)',
        body: TransferBody,
        response: { 200: StockDocumentSchema, 201: StockDocumentSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const result = await inWriteTransaction(deps.db, (trx) =>
        transferStock(trx, deps, actor, request.body),
      );
      return reply.status(result.replayed ? 200 : 201).send(result);
    },
  );
};
