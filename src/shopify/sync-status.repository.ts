import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';

/** What the sync page shows, read from the database (every process sees the same figures). */
export interface SyncStatus {
  queue: { outbox: number; pendingPushes: number; inbox: number };
  lastPushAt: string | null;
  lastWebhookAt: string | null;
  latencyMs: { p50: number | null; p99: number | null; samples: number };
  recentErrors: Array<{ at: string; where: 'push' | 'webhook'; message: string }>;
  /** Changes Shopify refused outright; they wait for a person (failed-pushes.service.ts). */
  failedPushes: number;
  openManualAdjustments: number;
  openStockEdits: number;
  lastReconciliation: {
    id: string;
    startedAt: string;
    finishedAt: string | null;
    pointsChecked: number;
    drifted: number;
    corrected: number;
    stale: number;
    error: string | null;
  } | null;
}

const count = (db: Kysely<Database>, table: 'sync_outbox' | 'shopify_pushes' | 'shopify_webhook_inbox') =>
  db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));

export async function readSyncStatus(db: Kysely<Database>): Promise<SyncStatus> {
  const [outbox, pending, failed, inbox] = await Promise.all([
    count(db, 'sync_outbox').where('push_id', 'is', null).executeTakeFirstOrThrow(),
    count(db, 'shopify_pushes').where('status', '=', 'pending').executeTakeFirstOrThrow(),
    count(db, 'shopify_pushes').where('status', '=', 'failed').executeTakeFirstOrThrow(),
    count(db, 'shopify_webhook_inbox').where('processed_at', 'is', null).executeTakeFirstOrThrow(),
  ]);
  const lastPush = await db
    .selectFrom('shopify_pushes')
    .select('sent_at')
    .where('status', '=', 'sent')
    .where('delta', '!=', 0)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const lastWebhook = await db
    .selectFrom('shopify_webhook_inbox')
    .select('received_at')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();

  // Propagation: from the movement's commit (outbox row) to Shopify's confirmation, last 500 pushes.
  const samples = await db
    .selectFrom('shopify_pushes as p')
    .innerJoin('sync_outbox as o', 'o.push_id', 'p.id')
    .select(['p.id', 'p.sent_at', (eb) => eb.fn.min('o.created_at').as('first_at')])
    .where('p.status', '=', 'sent')
    .where('p.delta', '!=', 0)
    .groupBy(['p.id', 'p.sent_at'])
    .orderBy('p.id', 'desc')
    .limit(500)
    .execute();
  const latencies = samples
    .filter((s) => s.sent_at && s.first_at)
    .map((s) => new Date(s.sent_at!).getTime() - new Date(String(s.first_at)).getTime())
    .sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies.length
      ? (latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? null)
      : null;

  const pushErrors = await db
    .selectFrom('shopify_pushes')
    .select(['created_at as at', 'last_error'])
    .where('last_error', 'is not', null)
    .orderBy('id', 'desc')
    .limit(10)
    .execute();
  const inboxErrors = await db
    .selectFrom('shopify_webhook_inbox')
    .select(['received_at as at', 'last_error'])
    .where('last_error', 'is not', null)
    .orderBy('id', 'desc')
    .limit(10)
    .execute();
  const recentErrors = [
    ...pushErrors.map((e) => ({ at: e.at, where: 'push' as const, message: e.last_error ?? '' })),
    ...inboxErrors.map((e) => ({ at: e.at, where: 'webhook' as const, message: e.last_error ?? '' })),
  ]
    .sort((a, b) => (a.at < b.at ? 1 : -1))
    .slice(0, 10);

  const manual = await db
    .selectFrom('shopify_manual_adjustments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'open')
    .executeTakeFirstOrThrow();
  const edits = await db
    .selectFrom('shopify_stock_edits')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'detected')
    .executeTakeFirstOrThrow();
  const report = await db
    .selectFrom('shopify_drift_reports')
    .selectAll()
    .orderBy('started_at', 'desc')
    .orderBy(sql`id`, 'desc')
    .limit(1)
    .executeTakeFirst();
  return {
    queue: { outbox: Number(outbox.n), pendingPushes: Number(pending.n), inbox: Number(inbox.n) },
    lastPushAt: lastPush?.sent_at ?? null,
    lastWebhookAt: lastWebhook?.received_at ?? null,
    latencyMs: { p50: pct(0.5), p99: pct(0.99), samples: latencies.length },
    recentErrors,
    failedPushes: Number(failed.n),
    openManualAdjustments: Number(manual.n),
    openStockEdits: Number(edits.n),
    lastReconciliation: report
      ? {
          id: report.id,
          startedAt: report.started_at,
          finishedAt: report.finished_at,
          pointsChecked: report.points_checked,
          drifted: report.drifted,
          corrected: report.corrected,
          stale: report.stale,
          error: report.error,
        }
      : null,
  };
}
