import type { FastifyInstance } from 'fastify';
import type { Config } from '../config/config.ts';
import { type Db, openDatabase } from '../db/database.ts';
import { migrateOrThrow } from '../db/migrate.ts';
import { ensureDefaultLocation } from '../inventory/location.service.ts';
import { ensureDefaultRegister } from '../registers/registers.repository.ts';
import { systemClock } from '../shared/clock.ts';
import { newId } from '../shared/ids.ts';
import { loadSecretBox } from '../shared/secret-box.ts';
import { startSyncEngine } from '../shopify/sync-engine.ts';
import { ensureOwner } from '../staff/staff.service.ts';
import type { AppDeps } from './app-deps.ts';
import { buildApp } from './build-app.ts';

export interface RunningServer {
  app: FastifyInstance;
  db: Db;
  url: string;
  stop(): Promise<void>;
}

/** Opens the database, migrates it, makes sure an owner exists, and listens. */
export async function startServer(
  config: Config,
  print: (line: string) => void = console.log,
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
  const shopifySync = startSyncEngine(db, { clock: systemClock, newId, secretBox, log: app.log });
  deps.shopifySync = shopifySync;
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;

  print(`tillsync is running at ${url}  (database: ${db.dialect}, ${db.location})`);
  print(`API documentation: ${url}/api/docs`);
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
    url,
    stop: async () => {
      await shopifySync.stop();
      await app.close();
      await db.close();
    },
  };
}
