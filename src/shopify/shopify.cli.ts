import cliProgress from 'cli-progress';
import type { Config } from '../config/config.ts';
import { openDatabase } from '../db/database.ts';
import { migrateOrThrow } from '../db/migrate.ts';
import { getShopSettings } from '../settings/settings.repository.ts';
import { AppError } from '../shared/app-error.ts';
import { systemClock } from '../shared/clock.ts';
import { newId } from '../shared/ids.ts';
import { loadSecretBox } from '../shared/secret-box.ts';
import { connectShopify } from './connect.service.ts';
import { applyFirstSync } from './first-sync-apply.ts';
import { previewFirstSync } from './first-sync-preview.ts';
import { readShopifyCatalog, startFirstSync } from './first-sync-reader.ts';
import { reconcile } from './reconcile.service.ts';
import { createSyncClientProvider } from './sync-client.ts';

/**
 * `tillsync connect | first-sync | reconcile`: the Shopify operations an operator may want from a
 * terminal. They use the same services as the pages; secrets are read from the environment or
 * options and never printed. Each returns the process exit code.
 */
export interface ShopifyCliIo {
  print(line: string): void;
  printError(line: string): void;
  progress: boolean;
}

async function withServices<T>(
  config: Config,
  io: ShopifyCliIo,
  work: (s: Services) => Promise<T>,
): Promise<number> {
  const db = openDatabase(config);
  try {
    await migrateOrThrow(db);
    const deps = {
      clock: systemClock,
      newId,
      secretBox: loadSecretBox({ secretKeyHex: config.secretKeyHex, dataDir: config.dataDir }),
    };
    await work({
      db,
      deps,
      jobDeps: { ...deps, dialect: db.dialect },
      clientFor: createSyncClientProvider(db.kysely, deps),
    });
    return 0;
  } catch (error) {
    io.printError(
      error instanceof AppError
        ? `${error.code}: ${error.message}`
        : error instanceof Error
          ? error.message
          : String(error),
    );
    return 1;
  } finally {
    await db.close();
  }
}

type Services = {
  db: ReturnType<typeof openDatabase>;
  deps: { clock: typeof systemClock; newId: typeof newId; secretBox: ReturnType<typeof loadSecretBox> };
  jobDeps: { clock: typeof systemClock; newId: typeof newId; dialect: 'sqlite' | 'postgres' };
  clientFor: ReturnType<typeof createSyncClientProvider>;
};

export function connectCommand(
  config: Config,
  io: ShopifyCliIo,
  input: {
    shop: string;
    token?: string;
    clientId?: string;
    clientSecret?: string;
    apiSecret: string;
    webhookUrl?: string;
  },
): Promise<number> {
  return withServices(config, io, async ({ db, deps }) => {
    const credentials = input.token
      ? { kind: 'access_token' as const, accessToken: input.token }
      : input.clientId && input.clientSecret
        ? { kind: 'client_credentials' as const, clientId: input.clientId, clientSecret: input.clientSecret }
        : undefined;
    if (!credentials) throw new Error('give --token, or --client-id and --client-secret');
    const { plan } = await getShopSettings(db.kysely);
    const result = await connectShopify(db.kysely, deps, plan, {
      shopDomain: input.shop,
      credentials,
      apiSecret: input.apiSecret,
      webhookBaseUrl: input.webhookUrl,
    });
    io.print(`connected to ${result.shopName} (${input.shop}); scopes: ${result.scopes.join(', ')}`);
    io.print(
      result.webhooks
        ? `${result.webhooks} webhook topics registered`
        : 'no --webhook-url: relying on polling until one is set',
    );
    io.print('next: map locations on the Shopify page, then run `tillsync first-sync`');
  });
}

export function firstSyncCommand(
  config: Config,
  io: ShopifyCliIo,
  options: { confirm: boolean; importShopifyOnly?: boolean; createPosOnly?: boolean },
): Promise<number> {
  return withServices(config, io, async ({ db, deps, jobDeps, clientFor }) => {
    const sync = await clientFor();
    if (!sync) throw new Error('no Shopify store is connected: run `tillsync connect` first');
    const jobId = await startFirstSync(db.kysely, deps);
    const bar = io.progress
      ? new cliProgress.SingleBar(
          { format: 'reading Shopify variants {value} read' },
          cliProgress.Presets.shades_classic,
        )
      : undefined;
    bar?.start(0, 0);
    await readShopifyCatalog(db.kysely, sync.shopify, jobId, (progress) => {
      bar?.setTotal(progress.variantsRead);
      bar?.update(progress.variantsRead);
    });
    bar?.stop();
    const preview = await previewFirstSync(db.kysely, jobId);
    const { matched, posOnly, shopifyOnly, conflicts } = preview.counts;
    io.print(`matched ${matched}, POS only ${posOnly}, Shopify only ${shopifyOnly}, conflicts ${conflicts}`);
    for (const conflict of preview.conflicts.slice(0, 20))
      io.print(`  conflict: ${JSON.stringify(conflict)}`);
    if (!options.confirm) {
      io.print(
        'nothing changed; run again with --confirm to link the matched items and set Shopify to the POS stock',
      );
      return;
    }
    const creating =
      io.progress && options.createPosOnly
        ? new cliProgress.SingleBar(
            { format: 'creating POS-only products on Shopify [{bar}] {value}/{total}' },
            cliProgress.Presets.shades_classic,
          )
        : undefined;
    const result = await applyFirstSync(
      db.kysely,
      jobDeps,
      sync,
      jobId,
      preview,
      {
        importShopifyOnly: options.importShopifyOnly ?? false,
        createPosOnly: options.createPosOnly ?? false,
      },
      (progress) => {
        if (progress.done === 0) creating?.start(progress.total, 0);
        else creating?.update(progress.done);
      },
    );
    creating?.stop();
    if (options.importShopifyOnly) io.print(`imported ${result.imported} Shopify-only variants into the POS`);
    if (options.createPosOnly) io.print(`created ${result.createdOnShopify} POS-only variants on Shopify`);
    for (const skipped of [...result.skipped, ...result.notCreated])
      io.print(`  skipped "${skipped.product}": ${skipped.reason}`);
    io.print(
      `linked ${result.linked}, ${result.points} sync points, ${result.corrected} Shopify levels set to the POS figure`,
    );
  });
}

export function reconcileCommand(config: Config, io: ShopifyCliIo): Promise<number> {
  return withServices(config, io, async ({ db, jobDeps, clientFor }) => {
    const sync = await clientFor();
    if (!sync?.connection.integration_started_at)
      throw new Error('not syncing yet: connect and run the first sync');
    const outcome = await reconcile(db.kysely, jobDeps, sync, 'manual');
    io.print(
      `checked ${outcome.pointsChecked}, drifted ${outcome.drifted}, corrected ${outcome.corrected}, stale (retried next run) ${outcome.stale}`,
    );
    io.print(`drift report ${outcome.reportId}`);
  });
}
