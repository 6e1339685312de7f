import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type SyncedShop, startSyncedShop } from '../../tests/support/synced-shop.ts';
import {
  createPostgresTestDatabase,
  isPostgresReachable,
  type TestDatabase,
} from '../../tests/support/test-databases.ts';
import { verifyLevelsAgainstLedger } from '../inventory/ledger-check.ts';
import { createApiToken } from '../staff/session.service.ts';

/**
 * Two server processes on one PostgreSQL database share the sync work while sales, adjustments and
 * online orders arrive, pushes time out after Shopify applied them, and one process is killed with
 * SIGKILL mid-run and started again. Afterwards: every acknowledged sale is there once, the ledger
 * and the levels agree, each online order counted once, and Shopify shows the POS figure for every
 * item — without the reconciliation having anything to correct, i.e. nothing was applied twice.
 */
const required = process.env.TILLSYNC_REQUIRE_POSTGRES === '1';
const available = required || (await isPostgresReachable());
const repoRoot = resolve(import.meta.dirname, '../..');

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
    server.on('error', fail);
  });
}

describe.skipIf(!available)(
  `two server processes on PostgreSQL, one killed mid-push${available ? '' : ' (skipped: PostgreSQL not reachable)'}`,
  () => {
    const secretKeyHex = randomBytes(32).toString('hex');
    let database: TestDatabase;
    let s: SyncedShop;
    let token: string;
    const children = new Map<string, ChildProcess>();
    const ports = new Map<string, number>();

    async function startChild(name: string): Promise<void> {
      const port = ports.get(name) ?? (await freePort());
      ports.set(name, port);
      const child = spawn(process.execPath, [join(repoRoot, 'bin/tillsync.js'), 'serve'], {
        cwd: repoRoot,
        env: {
          ...process.env,
          DATABASE_URL: database.connection.databaseUrl,
          PORT: String(port),
          HOST: '127.0.0.1',
          TILLSYNC_DEMO: '0',
          TILLSYNC_SECRET_KEY: secretKeyHex,
          DATA_DIR: mkdtempSync(join(tmpdir(), `tillsync-${name}-`)),
          LOG_LEVEL: 'error',
        },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      children.set(name, child);
      await eventually(
        async () => {
          const response = await fetch(`http://127.0.0.1:${port}/api/health`);
          expect(response.status).toBe(200);
        },
        30_000,
        100,
      );
    }

    async function call(name: string, method: string, path: string, body?: unknown) {
      return fetch(`http://127.0.0.1:${ports.get(name)}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    }

    beforeAll(async () => {
      database = await createPostgresTestDatabase();
      s = await startSyncedShop(database.db, { secretKeyHex });
      // This process keeps receiving webhooks (they were registered to it) but does no sync work.
      await s.engine.stop();
      const owner = await database.db.kysely
        .selectFrom('staff_members')
        .select('id')
        .where('role', '=', 'owner')
        .executeTakeFirstOrThrow();
      token = (await createApiToken(database.db.kysely, s.test.deps, owner.id, 'multi-process test')).token;
      await Promise.all([startChild('a'), startChild('b')]);
    }, 120_000);

    afterAll(async () => {
      for (const child of children.values()) child.kill('SIGKILL');
      await s?.close();
      await database?.drop();
    });

    it('keeps every sale, counts every order once, and ends with Shopify equal to the POS without doubling', async () => {
      const db = database.db.kysely;
      await s.control(`/sandbox/shops/${s.shop.domain}/faults`, { timeoutAfterApplyRate: 0.3 }, 'PUT');
      const acknowledged: string[] = [];
      const orders: string[] = [];
      for (let i = 0; i < 40; i++) {
        const name = children.has('a') && i % 2 === 0 ? 'a' : 'b';
        const item = s.items[i % s.items.length]!;
        if (i % 3 === 2) {
          const adjusted = await call(name, 'POST', '/api/stock/adjustments', {
            locationId: s.locationId,
            variantId: item.variantId,
            delta: 2,
            reason: 'delivery found',
          });
          expect(adjusted.status).toBe(201);
        } else {
          const id = s.test.deps.newId('sale');
          const sale = await call(name, 'POST', '/api/sales', {
            id,
            registerId: s.registerId,
            lines: [{ id: s.test.deps.newId('line'), variantId: item.variantId, quantity: 1 }],
            payments: [{ method: 'card', amountMinor: 500 }],
          });
          if (sale.status === 201) acknowledged.push(id);
        }
        if (i % 5 === 4) {
          const created = (await s.control(`/sandbox/shops/${s.shop.domain}/orders`, {
            lines: [{ variantId: s.items[(i + 3) % s.items.length]!.shopifyVariantId, quantity: 1 }],
            inventoryBehaviour: 'DECREMENT_IGNORING_POLICY',
          })) as { order: { id: string } };
          orders.push(created.order.id.split('/').pop()!);
        }
        if (i === 20) {
          // Killed between requests while its engine may hold claims on pushes and webhooks.
          children.get('a')!.kill('SIGKILL');
          children.delete('a');
        }
        if (i === 30) await startChild('a');
        await new Promise((resolve) => setTimeout(resolve, 30));
      }
      await s.control(`/sandbox/shops/${s.shop.domain}/faults`, { timeoutAfterApplyRate: 0 }, 'PUT');

      // Quiet: queues drain (a killed process's claims expire after 30 s and are taken over).
      await eventually(
        async () => {
          const unplanned = await db
            .selectFrom('sync_outbox')
            .select('id')
            .where('push_id', 'is', null)
            .execute();
          const pending = await db
            .selectFrom('shopify_pushes')
            .select('id')
            .where('status', '=', 'pending')
            .execute();
          const inbox = await db
            .selectFrom('shopify_webhook_inbox')
            .select('id')
            .where('processed_at', 'is', null)
            .execute();
          expect({ unplanned: unplanned.length, pending: pending.length, inbox: inbox.length }).toEqual({
            unplanned: 0,
            pending: 0,
            inbox: 0,
          });
        },
        90_000,
        250,
      );

      const sales = await db.selectFrom('sales').select('id').where('id', 'in', acknowledged).execute();
      expect(sales.length).toBe(acknowledged.length);
      expect(await verifyLevelsAgainstLedger(db)).toEqual([]);
      for (const order of orders) {
        const counted = await db
          .selectFrom('stock_movements')
          .select('id')
          .where('reason', '=', 'online_order')
          .where('idempotency_key', 'like', `shopify:order:${order}:%`)
          .execute();
        expect({ order, movements: counted.length }).toEqual({ order, movements: 1 });
      }
      const failed = await db
        .selectFrom('shopify_pushes')
        .select(['id', 'last_error'])
        .where('status', '=', 'failed')
        .execute();
      expect(failed).toEqual([]);

      const reconciled = await call('b', 'POST', '/api/shopify/reconcile');
      expect(reconciled.status).toBe(200);
      const report = (await reconciled.json()) as { pointsChecked: number; drifted: number };
      expect(report.pointsChecked).toBe(s.items.length);
      // Nothing was applied twice: Shopify already matched the POS before any correction.
      expect(report.drifted).toBe(0);
      for (const item of s.items) {
        const level = await s.posLevel(item);
        expect({ sku: item.sku, shopify: await s.shopifyAvailable(item) }).toEqual({
          sku: item.sku,
          shopify: Math.max(0, level.onHand - level.committed),
        });
      }
    }, 180_000);
  },
);
