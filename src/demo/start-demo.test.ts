import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { readConfig } from '../config/config.ts';
import { type RunningServer, startServer } from '../server/start-server.ts';
import { reconcile } from '../shopify/reconcile.service.ts';
import { createSyncClientProvider } from '../shopify/sync-client.ts';

it('starts a connected demo on a fresh install: first sync done, Shopify showing the POS figures, and again after a restart', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tillsync-demo-'));
  const config = readConfig({
    DATA_DIR: dataDir,
    PORT: '0',
    SANDBOX_PORT: '0',
    TILLSYNC_DEMO_ORDERS_PER_MINUTE: '0',
  });
  const lines: string[] = [];
  let server: RunningServer | undefined = await startServer(config, (line) => lines.push(line));
  try {
    expect(lines.join('\n')).toMatch(/demo store .*\.myshopify\.com/);
    const db = server.db.kysely;
    const report = await db
      .selectFrom('shopify_drift_reports')
      .selectAll()
      .where('trigger', '=', 'first_sync')
      .executeTakeFirstOrThrow();
    expect(report.points_checked).toBeGreaterThan(30);
    expect(report.error).toBeNull();
    const links = await db
      .selectFrom('shopify_variant_links')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(links.n)).toBe(report.points_checked);
    // The products the shop had not put online were created on Shopify: every POS item is linked.
    const variants = await db
      .selectFrom('product_variants')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('active', '=', 1)
      .executeTakeFirstOrThrow();
    expect(Number(links.n)).toBe(Number(variants.n));
    // The two online-only products were imported, with Shopify's stock as their opening stock.
    const imported = await db
      .selectFrom('stock_movements')
      .select('variant_id')
      .where('source_type', '=', 'shopify_first_sync')
      .execute();
    expect(imported.length).toBe(2);
    // A second reconciliation finds nothing to correct: Shopify shows the POS figures.
    const sync = (await createSyncClientProvider(db, server.deps)())!;
    const again = await reconcile(db, { ...server.deps, dialect: server.db.dialect }, sync, 'manual');
    expect(again.pointsChecked).toBe(report.points_checked);
    expect(again.drifted).toBe(0);
    await server.stop();
    server = undefined;

    // A restart reuses the same store and connection.
    lines.length = 0;
    server = await startServer(config, (line) => lines.push(line));
    expect(lines.join('\n')).toMatch(/demo store/);
    expect(lines.join('\n')).not.toMatch(/First start/);
    const connections = await server.db.kysely.selectFrom('shopify_connection').selectAll().execute();
    expect(connections).toHaveLength(1);
  } finally {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}, 60_000);
