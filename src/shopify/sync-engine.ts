import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/database.ts';
import { type Clock, isoNow } from '../shared/clock.ts';
import type { IdGenerator } from '../shared/ids.ts';
import type { SecretBox } from '../shared/secret-box.ts';
import { pollUpdatedOrders } from './order-poller.ts';
import { planPushes } from './push-planner.ts';
import { sendPendingPushes } from './push-sender.ts';
import { reconcile } from './reconcile.service.ts';
import type { ShopifyGraphql } from './shopify-graphql.ts';
import { createSyncClientProvider } from './sync-client.ts';
import { processWebhookInbox } from './webhook-inbox.processor.ts';

/**
 * The background loop of one server process: push POS changes, work the webhook inbox, poll for
 * orders, reconcile on schedule. All state lives in the database, so any number of processes can
 * run this loop against one PostgreSQL: rows are claimed with SKIP LOCKED, and the scheduled jobs
 * (polling, reconciliation) are taken by whoever wins a compare-and-swap on their schedule row.
 * A killed process loses nothing: its claims expire and another process (or its restart) resumes.
 */
export interface SyncEngineOptions {
  tickMs?: number;
  pollIntervalMs?: number;
  reconcileIntervalMs?: number;
  /**
   * How long a claim on a push batch or an inbox row lasts before another process (or this one after
   * a restart) may take it again (default 30 s). The soak harness shortens it so that a killed
   * process's work is resumed within its seed.
   */
  claimMs?: number;
}

export interface SyncEngine {
  /** Run a tick as soon as possible (after a sale commits, say). */
  kick(): void;
  /** One full tick now; for tests and the CLI. */
  runOnce(): Promise<void>;
  /** The last throttle state seen from Shopify, for the sync page. */
  shopifyClient(): ShopifyGraphql | undefined;
  stop(): Promise<void>;
}

export const DEFAULT_POLL_INTERVAL_MS = 60_000;
export const DEFAULT_RECONCILE_INTERVAL_MS = 2 * 60 * 60 * 1000;

export function startSyncEngine(
  db: Db,
  deps: { clock: Clock; newId: IdGenerator; secretBox: SecretBox; log?: FastifyBaseLogger | undefined },
  options: SyncEngineOptions = {},
): SyncEngine {
  const tickMs = options.tickMs ?? 200;
  const pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  const reconcileIntervalMs = options.reconcileIntervalMs ?? DEFAULT_RECONCILE_INTERVAL_MS;
  const clientFor = createSyncClientProvider(db.kysely, deps);
  const jobDeps = {
    clock: deps.clock,
    newId: deps.newId,
    dialect: db.dialect,
    ...(options.claimMs === undefined ? {} : { claimMs: options.claimMs }),
  };
  let lastClient: ShopifyGraphql | undefined;
  let stopped = false;
  let running: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;

  async function tick(): Promise<void> {
    const sync = await clientFor();
    if (!sync?.connection.integration_started_at) return;
    lastClient = sync.shopify;
    await step('push', async () => {
      await planPushes(db.kysely, jobDeps);
      await sendPendingPushes(db.kysely, jobDeps, sync.shopify);
    });
    await step('inbox', () => processWebhookInbox(db.kysely, jobDeps, sync));
    if (await claimSchedule('orders.poll', pollIntervalMs)) {
      await step('poll', () => pollUpdatedOrders(db.kysely, jobDeps, sync));
    }
    if (await claimSchedule('reconcile', reconcileIntervalMs)) {
      await step('reconcile', () => reconcile(db.kysely, jobDeps, sync, 'schedule'));
    }
  }

  async function step(name: string, work: () => Promise<unknown>): Promise<void> {
    try {
      await work();
    } catch (error) {
      deps.log?.warn({ err: error, step: name }, 'shopify sync step failed; retrying next tick');
    }
  }

  /** True for the one process that moves a job's "last run" forward once its interval has passed. */
  async function claimSchedule(name: string, intervalMs: number): Promise<boolean> {
    const key = `schedule.${name}`;
    const now = deps.clock.now();
    const row = await db.kysely
      .selectFrom('shopify_cursors')
      .select('value')
      .where('name', '=', key)
      .executeTakeFirst();
    if (!row) {
      // First run of a fresh connection: start the interval now rather than firing at once.
      await db.kysely
        .insertInto('shopify_cursors')
        .values({ name: key, value: now.toISOString(), updated_at: now.toISOString() })
        .onConflict((oc) => oc.column('name').doNothing())
        .execute();
      return false;
    }
    if (now.getTime() - new Date(row.value).getTime() < intervalMs) return false;
    const result = await db.kysely
      .updateTable('shopify_cursors')
      .set({ value: now.toISOString(), updated_at: isoNow(deps.clock) })
      .where('name', '=', key)
      .where('value', '=', row.value)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  function schedule(delay: number) {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick()
        .catch((error) => deps.log?.warn({ err: error }, 'shopify sync tick failed'))
        .finally(() => {
          running = undefined;
          schedule(tickMs);
        });
    }, delay);
  }
  schedule(0);

  return {
    kick() {
      if (running || stopped) return;
      if (timer) clearTimeout(timer);
      schedule(0);
    },
    runOnce: () => tick(),
    shopifyClient: () => lastClient,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
