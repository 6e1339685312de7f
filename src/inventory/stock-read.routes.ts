import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppDeps } from '../server/app-deps.ts';
import { requirePermission } from '../server/authenticate.ts';
import { verifyLevelsAgainstLedger } from './ledger-check.ts';
import { listLowStock } from './low-stock.repository.ts';
import { listMovements } from './movement-history.repository.ts';
import { Id, LevelSchema, LowStockSchema, MovementSchema } from './stock.schemas.ts';
import { listLevels } from './stock-levels.repository.ts';

/** Levels, movement history and the low-stock list: everyone may read them (a cashier checks stock). */
export const stockReadRoutes: FastifyPluginAsyncTypebox<{ deps: AppDeps }> = async (app, { deps }) => {
  const db = deps.db.kysely;
  const read = requirePermission('stock.read');

  app.get(
    '/api/stock/levels',
    {
      preHandler: read,
      schema: {
        tags: ['inventory'],
        summary: 'Levels per variant and location (available = on_hand − committed)',
        querystring: Type.Object(
          { variantId: Type.Optional(Id), locationId: Type.Optional(Id) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Array(LevelSchema) },
      },
    },
    async (request) => listLevels(db, request.query),
  );

  app.get(
    '/api/stock/movements',
    {
      preHandler: read,
      schema: {
        tags: ['inventory'],
        summary: 'Movement history (per item, location or source document), newest first, with cursor paging',
        querystring: Type.Object(
          {
            variantId: Type.Optional(Id),
            locationId: Type.Optional(Id),
            sourceId: Type.Optional(Id),
            limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
            cursor: Type.Optional(Id),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            items: Type.Array(MovementSchema),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
          }),
        },
      },
    },
    async (request) => listMovements(db, request.query),
  );

  app.get(
    '/api/stock/low',
    {
      preHandler: read,
      schema: {
        tags: ['inventory'],
        summary: 'Variants at or below their low-stock threshold, and every negative level',
        querystring: Type.Object({ locationId: Type.Optional(Id) }, { additionalProperties: false }),
        response: { 200: Type.Array(LowStockSchema) },
      },
    },
    async (request) => listLowStock(db, request.query),
  );

  const Quantities = Type.Object({ onHand: Type.Integer(), committed: Type.Integer() });
  app.get(
    '/api/stock/ledger-check',
    {
      preHandler: requirePermission('reports.read'),
      schema: {
        tags: ['inventory'],
        summary: 'Recompute every level from the movements and list where the stored level disagrees',
        response: {
          200: Type.Object({
            consistent: Type.Boolean(),
            differences: Type.Array(
              Type.Object({
                variantId: Type.String(),
                locationId: Type.String(),
                level: Quantities,
                ledger: Quantities,
              }),
            ),
          }),
        },
      },
    },
    async () => {
      const differences = await verifyLevelsAgainstLedger(db);
      return { consistent: differences.length === 0, differences };
    },
  );
};
