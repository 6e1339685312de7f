import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { recordMovements } from '../inventory/ledger.repository.ts';
import type { AppDeps } from '../server/app-deps.ts';
import { actorWith, requirePermission } from '../server/authenticate.ts';
import { conflict, notFound } from '../shared/app-error.ts';
import { isoNow } from '../shared/clock.ts';
import { listFailedPushes, retryFailedPushes } from './failed-pushes.service.ts';
import { acceptShopifyEdit, reconcile } from './reconcile.service.ts';
import { createSyncClientProvider } from './sync-client.ts';

const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });

export const shopifySyncOpsRoutes: FastifyPluginAsyncTypebox<{ deps: AppDeps }> = async (app, { deps }) => {
  const db = deps.db.kysely;
  const clientFor = createSyncClientProvider(db, deps);
  const jobDeps = { clock: deps.clock, newId: deps.newId, dialect: deps.db.dialect };

  async function connected() {
    const sync = await clientFor();
    if (!sync?.connection.integration_started_at)
      throw conflict('NOT_SYNCING', 'connect a store and finish the first sync first');
    return sync;
  }

  app.post(
    '/api/shopify/reconcile',
    {
      preHandler: requirePermission('integration.read'),
      schema: { tags: ['shopify'], summary: 'Reconcile now; returns the drift report summary' },
    },
    async () => reconcile(db, jobDeps, await connected(), 'manual'),
  );

  app.get(
    '/api/shopify/failed-pushes',
    {
      preHandler: requirePermission('integration.read'),
      schema: { tags: ['shopify'], summary: 'Stock changes Shopify refused (not retried automatically)' },
    },
    async () => listFailedPushes(db),
  );

  app.post(
    '/api/shopify/failed-pushes/retry',
    {
      preHandler: requirePermission('integration.read'),
      schema: {
        tags: ['shopify'],
        summary: 'Send every refused stock change again, recomputed from the till’s current stock',
      },
    },
    async () => retryFailedPushes(db),
  );

  app.get(
    '/api/shopify/drift-reports/latest',
    {
      preHandler: requirePermission('integration.read'),
      schema: { tags: ['shopify'], summary: 'The last drift report, line by line' },
    },
    async () => {
      const report = await db
        .selectFrom('shopify_drift_reports')
        .selectAll()
        .orderBy('started_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (!report) return { report: null, rows: [] };
      const rows = await db
        .selectFrom('shopify_drift_rows as r')
        .innerJoin('product_variants as v', 'v.id', 'r.variant_id')
        .innerJoin('products as p', 'p.id', 'v.product_id')
        .innerJoin('locations as l', 'l.id', 'r.location_id')
        .select([
          'r.variant_id',
          'p.name as product_name',
          'v.title as variant_title',
          'v.sku',
          'l.name as location_name',
          'r.pos_online_available',
          'r.shopify_available',
          'r.expected_available',
          'r.cause',
          'r.action',
        ])
        .where('r.report_id', '=', report.id)
        .orderBy('r.id')
        .limit(1000)
        .execute();
      return { report, rows };
    },
  );

  app.get(
    '/api/shopify/manual-adjustments',
    {
      preHandler: requirePermission('integration.read'),
      schema: {
        tags: ['shopify'],
        summary: 'Refunds of pre-integration orders that need a manual stock adjustment',
      },
    },
    async () =>
      db
        .selectFrom('shopify_manual_adjustments as m')
        .innerJoin('product_variants as v', 'v.id', 'm.variant_id')
        .innerJoin('products as p', 'p.id', 'v.product_id')
        .innerJoin('locations as l', 'l.id', 'm.location_id')
        .select([
          'm.id',
          'm.order_id',
          'm.order_name',
          'm.variant_id',
          'p.name as product_name',
          'v.title as variant_title',
          'm.location_id',
          'l.name as location_name',
          'm.quantity',
          'm.restock_type',
          'm.status',
          'm.created_at',
        ])
        .orderBy('m.created_at', 'desc')
        .limit(500)
        .execute(),
  );

  app.post(
    '/api/shopify/manual-adjustments/:id/adjust',
    {
      preHandler: requirePermission('stock.write'),
      schema: {
        tags: ['shopify'],
        summary: 'Put the refunded units back in POS stock (one click)',
        params: IdParams,
      },
    },
    async (request) => {
      const actor = actorWith(request, 'stock.write');
      return db.transaction().execute(async (trx) => {
        const item = await trx
          .selectFrom('shopify_manual_adjustments')
          .selectAll()
          .where('id', '=', request.params.id)
          .executeTakeFirst();
        if (!item) throw notFound('MANUAL_ADJUSTMENT_NOT_FOUND', `no manual adjustment ${request.params.id}`);
        if (item.status !== 'open')
          throw conflict('ALREADY_RESOLVED', `this item was already ${item.status}`);
        await recordMovements(trx, deps, [
          {
            variantId: item.variant_id,
            locationId: item.location_id,
            onHandDelta: item.restock_type === 'return' ? item.quantity : 0,
            committedDelta: 0,
            reason: 'adjustment',
            note: `Restock of refunded pre-integration Shopify order ${item.order_name ?? item.order_id}`,
            sourceType: 'shopify_manual_adjustment',
            sourceId: item.id,
            idempotencyKey: `manual-adjustment:${item.id}`,
            actorId: actor.staffId,
          },
        ]);
        await trx
          .updateTable('shopify_manual_adjustments')
          .set({ status: 'adjusted', resolved_by: actor.staffId, resolved_at: isoNow(deps.clock) })
          .where('id', '=', item.id)
          .execute();
        deps.shopifySync?.kick();
        return { id: item.id, status: 'adjusted' };
      });
    },
  );

  app.post(
    '/api/shopify/manual-adjustments/:id/dismiss',
    {
      preHandler: requirePermission('stock.write'),
      schema: { tags: ['shopify'], summary: 'Dismiss without changing stock', params: IdParams },
    },
    async (request) => {
      const actor = actorWith(request, 'stock.write');
      const result = await db
        .updateTable('shopify_manual_adjustments')
        .set({ status: 'dismissed', resolved_by: actor.staffId, resolved_at: isoNow(deps.clock) })
        .where('id', '=', request.params.id)
        .where('status', '=', 'open')
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0)
        throw notFound('MANUAL_ADJUSTMENT_NOT_FOUND', `no open manual adjustment ${request.params.id}`);
      return { id: request.params.id, status: 'dismissed' };
    },
  );

  app.get(
    '/api/shopify/stock-edits',
    {
      preHandler: requirePermission('integration.read'),
      schema: { tags: ['shopify'], summary: 'Stock edits made in Shopify (detected, overridden, accepted)' },
    },
    async () =>
      db
        .selectFrom('shopify_stock_edits as e')
        .innerJoin('product_variants as v', 'v.id', 'e.variant_id')
        .innerJoin('products as p', 'p.id', 'v.product_id')
        .select([
          'e.id',
          'e.variant_id',
          'p.name as product_name',
          'v.title as variant_title',
          'e.location_id',
          'e.shopify_available',
          'e.expected_available',
          'e.status',
          'e.detected_at',
          'e.resolved_at',
        ])
        .orderBy('e.detected_at', 'desc')
        .limit(500)
        .execute(),
  );

  app.post(
    '/api/shopify/stock-edits/:id/accept',
    {
      preHandler: requirePermission('integration.manage'),
      schema: {
        tags: ['shopify'],
        summary: 'Take a detected Shopify-side edit into the POS as an adjustment',
        params: IdParams,
      },
    },
    async (request) => {
      const actor = actorWith(request, 'integration.manage');
      const edit = await db
        .selectFrom('shopify_stock_edits')
        .selectAll()
        .where('id', '=', request.params.id)
        .executeTakeFirst();
      if (!edit) throw notFound('STOCK_EDIT_NOT_FOUND', `no stock edit ${request.params.id}`);
      if (edit.status !== 'detected')
        throw conflict('ALREADY_RESOLVED', `this edit was already ${edit.status}`);
      await acceptShopifyEdit(
        db,
        deps,
        { variantId: edit.variant_id, locationId: edit.location_id },
        edit.shopify_available - edit.expected_available,
      );
      await db
        .updateTable('shopify_stock_edits')
        .set({ status: 'accepted', resolved_by: actor.staffId, resolved_at: isoNow(deps.clock) })
        .where('id', '=', edit.id)
        .execute();
      return { id: edit.id, status: 'accepted' };
    },
  );
};
