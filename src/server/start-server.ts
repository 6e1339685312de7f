import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Config } from '../config/config.ts';
import { type Db, openDatabase } from '../db/database.ts';
import { migrateOrThrow } from '../db/migrate.ts';
import { type RunningDemo, startDemo } from '../demo/start-demo.ts';
import { ensureDefaultLocation } from '../inventory/location.service.ts';
import { ensureDefaultRegister } from '../registers/registers.repository.ts';
import { systemClock } from '../shared/clock.ts';
import { newId } from '../shared/ids.ts';
import { loadSecretBox } from '../shared/secret-box.ts';
import { loadConnection } from '../shopify/connection.repository.ts';
import { type SyncEngineOptions, startSyncEngine } from '../shopify/sync-engine.ts';
import { ensureOwner } from '../staff/staff.service.ts';
import type { AppDeps } from './app-deps.ts';
import { buildApp } from './build-app.ts';

export interface RunningServer {
  app: FastifyInstance;
  db: Db;
  deps: AppDeps;
  url: string;
  stop(): Promise<void>;
}

/** Opens the database, migrates it, makes sure an owner exists, and listens. */
export async function startServer(
  config: Config,
  print: (line: string) => void = console.log,
  /** The sync engine's timings; the defaults suit production (the soak harness runs it faster). */
  syncEngine: SyncEngineOptions = {},
): Promise<RunningServer> {
  const db = openDatabase(config);
  await migrateOrThrow(db);
  const secretBox = loadSecretBox({ secretKeyHex: config.secretKeyHex, dataDir: config.dataDir });
  const deps: AppDeps = { db, clock: systemClock, newId, config, secretBox };
  await ensureDefaultLocation(db.kysely, deps);
  await ensureDefaultRegister(db.kysely, deps);
  const owner = await ensureOwner(db.kysely, deps, {
    email: config.ownerEmail,
    password: config.ownerPassword,
  });
  const app = await buildApp(deps);
  const shopifySync = startSyncEngine(db, { clock: systemClock, newId, secretBox, log: app.log }, syncEngine);
  deps.shopifySync = shopifySync;
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;

  print(`tillsync is running at ${url}  (database: ${db.dialect}, ${db.location})`);
  print(`API documentation: ${url}/api/docs`);
  const demo = await startDemoIfWanted(config, db, deps, url, app.log, print);
  if (owner) {
    print('First start: an owner account was created.');
    print(`  email:    ${owner.email}`);
    print(
      owner.generated
        ? `  password: ${owner.password}   (shown once; change it under Staff)`
        : '  password: (as set in TILLSYNC_OWNER_PASSWORD)',
    );
  }
  return {
    app,
    db,
    deps,
    url,
    stop: async () => {
      await shopifySync.stop();
      await demo?.close();
      await app.close();
      await db.close();
    },
  };
}

/** The demo runs only when asked (the default) and no real Shopify store is connected. */
async function startDemoIfWanted(
  config: Config,
  db: Db,
  deps: AppDeps,
  appUrl: string,
  log: FastifyBaseLogger,
  print: (line: string) => void,
): Promise<RunningDemo | undefined> {
  if (!config.demo) return undefined;
  const connection = await loadConnection(db.kysely);
  if (connection && connection.api_origin === null) return undefined;
  try {
    const demo = await startDemo(db, deps, {
      appUrl,
      sandboxPort: config.sandboxPort,
      dataDir: config.dataDir,
      ordersPerMinute: config.demoOrdersPerMinute,
      log,
    });
    print(
      `Shopify: demo store ${demo.shopDomain} in the local sandbox; watch and act on it at ${demo.sandbox.url}/sandbox`,
    );
    return demo;
  } catch (error) {
    print(
      `Shopify demo not started: ${error instanceof Error ? error.message : String(error)} (set TILLSYNC_DEMO=0 to skip it)`,
    );
    return undefined;
  }
}
