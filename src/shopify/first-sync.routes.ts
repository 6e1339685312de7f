import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppDeps } from '../server/app-deps.ts';
import { requirePermission } from '../server/authenticate.ts';
import { conflict, notFound } from '../shared/app-error.ts';
import { applyFirstSync } from './first-sync-apply.ts';
import { previewFirstSync } from './first-sync-preview.ts';
import { readShopifyCatalog, startFirstSync } from './first-sync-reader.ts';
import { createSyncClientProvider } from './sync-client.ts';

/**
 * The first sync, from the page: start (or resume) reading Shopify's catalogue, watch progress,
 * look at the preview, confirm. Reading runs in the background of this process; its progress is
 * in the database, so the page polls GET and a restart resumes from the last stored page.
 */
export const shopifyFirstSyncRoutes: FastifyPluginAsyncTypebox<{ deps: AppDeps }> = async (app, { deps }) => {
  const db = deps.db.kysely;
  const clientFor = createSyncClientProvider(db, deps);
  const reading = new Set<string>();
  /** Products being created on Shopify, per job, while a confirm runs in this process (for the page's bar). */
  const creating = new Map<string, { done: number; total: number }>();
  const applying = new Set<string>();

  async function connection() {
    const sync = await clientFor();
    if (!sync) throw notFound('NOT_CONNECTED', 'connect a Shopify store first');
    return sync;
  }

  app.post(
    '/api/shopify/first-sync',
    {
      preHandler: requirePermission('integration.manage'),
      schema: { tags: ['shopify'], summary: 'Start or resume reading the Shopify catalogue' },
    },
    async (request) => {
      const sync = await connection();
      const jobId = await startFirstSync(db, deps);
      if (!reading.has(jobId)) {
        reading.add(jobId);
        readShopifyCatalog(db, sync.shopify, jobId)
          .catch((error) =>
            request.log.warn({ err: error, jobId }, 'first sync read stopped; start again to resume'),
          )
          .finally(() => reading.delete(jobId));
      }
      return { jobId };
    },
  );

  app.get(
    '/api/shopify/first-sync',
    {
      preHandler: requirePermission('integration.read'),
      schema: { tags: ['shopify'], summary: 'Progress of the first sync, with the preview once read' },
    },
    async () => {
      const job = await db
        .selectFrom('shopify_first_syncs')
        .selectAll()
        .orderBy('started_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (!job) return { job: null, preview: null };
      // An 'applying' job that nothing in this process is applying was interrupted: the page offers
      // to confirm it again, which finishes it without creating anything twice.
      const resumable = job.status === 'applying' && !applying.has(job.id);
      const preview = job.status === 'ready' || resumable ? await previewFirstSync(db, job.id) : null;
      return {
        job: { ...job, reading: reading.has(job.id), creating: creating.get(job.id) ?? null },
        preview,
      };
    },
  );

  app.post(
    '/api/shopify/first-sync/confirm',
    {
      preHandler: requirePermission('integration.manage'),
      schema: {
        tags: ['shopify'],
        summary: 'Link the matched items and set Shopify to the POS stock figures',
        body: Type.Object(
          {
            jobId: Type.String({ minLength: 1, maxLength: 100 }),
            importShopifyOnly: Type.Optional(Type.Boolean()),
            createPosOnly: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const sync = await connection();
      const job = await db
        .selectFrom('shopify_first_syncs')
        .selectAll()
        .where('id', '=', request.body.jobId)
        .executeTakeFirst();
      if (!job) throw notFound('FIRST_SYNC_NOT_FOUND', `no first sync ${request.body.jobId}`);
      if (job.status !== 'ready' && job.status !== 'applying') {
        throw conflict(
          'FIRST_SYNC_NOT_READY',
          `the first sync is ${job.status}; wait until the catalogue has been read`,
        );
      }
      const preview = await previewFirstSync(db, job.id);
      applying.add(job.id);
      const result = await applyFirstSync(
        db,
        { ...deps, dialect: deps.db.dialect },
        sync,
        job.id,
        preview,
        {
          importShopifyOnly: request.body.importShopifyOnly ?? false,
          createPosOnly: request.body.createPosOnly ?? false,
        },
        (progress) => creating.set(job.id, progress),
      ).finally(() => {
        creating.delete(job.id);
        applying.delete(job.id);
      });
      deps.shopifySync?.kick();
      return {
        ...result,
        conflicts: preview.conflicts.length,
        posOnly: preview.posOnly.length,
        shopifyOnly: preview.shopifyOnly.length,
      };
    },
  );
};
