import { createHmac, randomUUID } from 'node:crypto';
import type { SandboxRuntime } from '../sandbox-runtime.ts';
import type { ShopRow } from '../store/rows.ts';
import { sql } from '../store/statements.ts';
import { topicHeader } from './topics.ts';

/**
 * Webhook delivery (NOTES §7), durable in the sandbox database: each event becomes one delivery row per
 * matching subscription, sent with Shopify's headers and an HMAC-SHA256 (base64) of the raw body keyed
 * with the app secret. A delivery fails on any non-2xx answer (3xx included) or after 5 seconds, and is
 * retried with Shopify's schedule compressed (8 retries, doubling from `retryBaseMs`; Shopify spreads
 * them over 4 hours); after 8 consecutive failures the subscription is deleted, as Shopify deletes one
 * made through the API. Fault knobs apply here: drop, duplicate, delay, reorder.
 */
export const RESPONSE_LIMIT_MS = 5000;
export const MAX_RETRIES = 8;

interface DeliveryRow {
  id: number;
  shop_id: number;
  subscription_id: number;
  topic: string;
  uri: string;
  body: string;
  event_id: string;
  triggered_at: string;
  attempts: number;
  next_attempt_at: number;
  status: string;
  webhook_id?: string;
}

export interface Dispatcher {
  enqueue(shopId: number, events: Array<{ topic: string; payload: unknown }>): void;
  /** Sends what is due now; answers how many deliveries were attempted. */
  pump(): Promise<number>;
  stop(): Promise<void>;
}

export function hmacBase64(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body, 'utf8').digest('base64');
}

export function startWebhookDispatcher(
  runtime: SandboxRuntime,
  options: { retryBaseMs?: number; pollMs?: number; responseLimitMs?: number } = {},
): Dispatcher {
  const { db } = runtime;
  const retryBaseMs = options.retryBaseMs ?? 1000;
  const inFlight = new Set<Promise<void>>();
  let stopped = false;

  const enqueue: Dispatcher['enqueue'] = (shopId, events) => {
    const now = Date.now();
    const triggeredAt = runtime.clock.now().toISOString();
    const knobs = runtime.faults.get(shopId);
    const insert = sql(
      db,
      `INSERT INTO webhook_deliveries (shop_id, subscription_id, topic, uri, body, event_id, triggered_at, attempts, next_attempt_at, status)
       VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`,
    );
    db.transaction(() => {
      for (const event of events) {
        const subscriptions = sql(
          db,
          'SELECT id, topic, uri FROM webhook_subscriptions WHERE shop_id = ?',
        ).all(shopId) as Array<{ id: number; topic: string; uri: string }>;
        const eventId = randomUUID();
        const body = JSON.stringify(event.payload);
        for (const subscription of subscriptions) {
          if (topicHeader(subscription.topic) !== event.topic) continue;
          if (runtime.faults.roll(shopId, knobs.webhookDropRate)) {
            insert.run(
              shopId,
              subscription.id,
              event.topic,
              subscription.uri,
              body,
              eventId,
              triggeredAt,
              now,
              'dropped',
            );
            continue;
          }
          let due = now;
          if (runtime.faults.roll(shopId, knobs.webhookDelayRate)) due += knobs.webhookDelayMs;
          // Reordering holds a delivery back long enough for the ones raised after it to overtake it.
          if (runtime.faults.roll(shopId, knobs.webhookReorderRate))
            due += Math.max(200, Math.round(knobs.webhookDelayMs / 4));
          insert.run(
            shopId,
            subscription.id,
            event.topic,
            subscription.uri,
            body,
            eventId,
            triggeredAt,
            due,
            'pending',
          );
          if (runtime.faults.roll(shopId, knobs.webhookDuplicateRate)) {
            insert.run(
              shopId,
              subscription.id,
              event.topic,
              subscription.uri,
              body,
              eventId,
              triggeredAt,
              due + 50,
              'pending',
            );
          }
        }
      }
    })();
    setImmediate(() => void pump());
  };

  async function deliver(row: DeliveryRow, shop: ShopRow): Promise<void> {
    let ok = false;
    try {
      const response = await fetch(row.uri, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(options.responseLimitMs ?? RESPONSE_LIMIT_MS),
        headers: {
          'Content-Type': 'application/json',
          'X-Shopify-Topic': row.topic,
          'X-Shopify-Hmac-Sha256': hmacBase64(shop.api_secret, row.body),
          'X-Shopify-Shop-Domain': shop.domain,
          'X-Shopify-API-Version': runtime.apiVersion,
          'X-Shopify-Webhook-Id': `sandbox-${row.event_id}-${row.subscription_id}`,
          'X-Shopify-Event-Id': row.event_id,
          'X-Shopify-Triggered-At': row.triggered_at,
        },
        body: row.body,
      });
      await response.arrayBuffer().catch(() => undefined);
      ok = response.status >= 200 && response.status < 300;
    } catch {
      ok = false;
    }
    if (ok) {
      sql(db, "UPDATE webhook_deliveries SET status = 'delivered', attempts = attempts + 1 WHERE id = ?").run(
        row.id,
      );
      return;
    }
    const attempts = row.attempts + 1;
    if (attempts > MAX_RETRIES) {
      sql(db, "UPDATE webhook_deliveries SET status = 'failed', attempts = ? WHERE id = ?").run(
        attempts,
        row.id,
      );
      sql(db, 'DELETE FROM webhook_subscriptions WHERE id = ?').run(row.subscription_id);
      return;
    }
    sql(
      db,
      "UPDATE webhook_deliveries SET status = 'pending', attempts = ?, next_attempt_at = ? WHERE id = ?",
    ).run(attempts, Date.now() + retryBaseMs * 2 ** (attempts - 1), row.id);
  }

  async function pump(): Promise<number> {
    if (stopped) return 0;
    const due = sql(
      db,
      "SELECT * FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT 100",
    ).all(Date.now()) as DeliveryRow[];
    for (const row of due) {
      sql(db, "UPDATE webhook_deliveries SET status = 'sending' WHERE id = ?").run(row.id);
      const shop = sql(db, 'SELECT * FROM shops WHERE id = ?').get(row.shop_id) as ShopRow | undefined;
      if (!shop) continue;
      const task = deliver(row, shop).finally(() => inFlight.delete(task));
      inFlight.add(task);
    }
    return due.length;
  }

  // Deliveries interrupted by a restart are sent again.
  sql(db, "UPDATE webhook_deliveries SET status = 'pending' WHERE status = 'sending'").run();
  const timer = setInterval(() => void pump(), options.pollMs ?? 25);
  timer.unref();
  return {
    enqueue,
    pump,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await Promise.allSettled([...inFlight]);
    },
  };
}
