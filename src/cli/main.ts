import { Command } from 'commander';
import { exportCsvCommand, importCsvCommand } from '../catalog/catalog-csv.cli.ts';
import { readConfig } from '../config/config.ts';
import { isRole } from '../core/permissions.ts';
import { openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { startServer } from '../server/start-server.ts';
import { systemClock } from '../shared/clock.ts';
import { newId } from '../shared/ids.ts';
import { connectCommand, firstSyncCommand, reconcileCommand } from '../shopify/shopify.cli.ts';
import { createStaffMember, generatePassword } from '../staff/staff.service.ts';
import { backupDatabase } from './backup.ts';

/** `tillsync`: the operator's command line. Each command reads the same environment as the server. */
const program = new Command()
  .name('tillsync')
  .description('Point of sale and inventory, with Shopify kept in step')
  .showHelpAfterError();

program
  .command('serve')
  .description('run the server (migrates the database first)')
  .action(async () => {
    const server = await startServer(readConfig());
    const shutdown = async () => {
      await server.stop();
      process.exit(0);
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  });

program
  .command('migrate')
  .description('bring the database schema up to date')
  .action(async () => {
    const db = openDatabase(readConfig());
    const { error, results } = await migrateToLatest(db);
    for (const result of results ?? []) console.log(`${result.status.padEnd(8)} ${result.migrationName}`);
    await db.close();
    if (error) {
      console.error(`migration failed: ${String(error)}`);
      process.exitCode = 1;
    } else if (!results?.length) console.log('already up to date');
  });

program
  .command('create-user')
  .description('add a staff member (prints a generated password unless --password is given)')
  .requiredOption('--email <email>')
  .requiredOption('--name <name>', 'display name')
  .option('--role <role>', 'owner, manager or cashier', 'cashier')
  .option('--password <password>')
  .option('--pin <pin>', '4 to 8 digits, for switching cashier at the register')
  .action(async (options: { email: string; name: string; role: string; password?: string; pin?: string }) => {
    if (!isRole(options.role)) {
      console.error(`--role must be owner, manager or cashier, got "${options.role}"`);
      process.exitCode = 2;
      return;
    }
    const db = openDatabase(readConfig());
    const { migrateOrThrow } = await import('../db/migrate.ts');
    await migrateOrThrow(db);
    const password = options.password ?? generatePassword();
    try {
      const staff = await createStaffMember(
        db.kysely,
        { clock: systemClock, newId },
        { email: options.email, displayName: options.name, role: options.role, password, pin: options.pin },
      );
      console.log(`created ${staff.role} ${staff.email} (${staff.id})`);
      if (!options.password) console.log(`password: ${password}`);
    } catch (error) {
      console.error(error instanceof Error ? error.message : String(error));
      process.exitCode = 1;
    } finally {
      await db.close();
    }
  });

program
  .command('import-csv <file>')
  .description(
    'create or update catalogue items from a CSV (keyed by SKU); a file with bad rows imports nothing',
  )
  .action(async (file: string) => {
    const db = openDatabase(readConfig());
    const { migrateOrThrow } = await import('../db/migrate.ts');
    await migrateOrThrow(db);
    const io = { print: console.log, printError: console.error, progress: process.stderr.isTTY === true };
    try {
      process.exitCode = await importCsvCommand(db, { clock: systemClock, newId }, file, io);
    } finally {
      await db.close();
    }
  });

program
  .command('export-csv <file>')
  .description('write the whole catalogue to a CSV file, one row per variant')
  .action(async (file: string) => {
    const db = openDatabase(readConfig());
    const { migrateOrThrow } = await import('../db/migrate.ts');
    await migrateOrThrow(db);
    const io = { print: console.log, printError: console.error, progress: process.stderr.isTTY === true };
    try {
      process.exitCode = await exportCsvCommand(db, file, io);
    } finally {
      await db.close();
    }
  });

program
  .command('backup <file>')
  .description('write a consistent copy of the database to <file> while the server runs')
  .action(async (file: string) => {
    const config = readConfig();
    const db = openDatabase(config);
    try {
      await backupDatabase(db, file, config.databaseUrl);
      console.log(`backup written to ${file}`);
    } catch (error) {
      console.error(error instanceof Error ? error.message : String(error));
      process.exitCode = 1;
    } finally {
      await db.close();
    }
  });

program
  .command('sandbox')
  .description('run the Shopify sandbox alone (Admin GraphQL API 2026-07 subset, control API under /sandbox)')
  .option('--port <port>', 'port to listen on', '3007')
  .option('--host <host>', 'address to listen on', '127.0.0.1')
  .option('--data <file>', "the sandbox's own SQLite file", './data/shopify-sandbox.sqlite')
  .option('--seed <seed>', 'seed of fault decisions and simulated shoppers', '1')
  .option('--token-ttl <seconds>', 'lifetime of client-credentials tokens', '86400')
  .option('--demo', 'create a demo shop with a catalogue and a storefront placing occasional orders')
  .action(
    async (options: {
      port: string;
      host: string;
      data: string;
      seed: string;
      tokenTtl: string;
      demo?: boolean;
    }) => {
      const { startSandbox } = await import('../sandbox/start-sandbox.ts');
      const sandbox = await startSandbox({
        port: Number(options.port),
        host: options.host,
        dataFile: options.data,
        seed: Number(options.seed),
        tokenTtlSeconds: Number(options.tokenTtl),
      });
      console.log(
        `Shopify sandbox at ${sandbox.url} (control page: ${sandbox.url}/sandbox, data: ${options.data})`,
      );
      const shutdown = async () => {
        await sandbox.close();
        process.exit(0);
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    },
  );

const cliIo = { print: console.log, printError: console.error, progress: process.stderr.isTTY === true };

program
  .command('connect')
  .description('connect a Shopify store (custom-app token, or Dev Dashboard client id and secret)')
  .requiredOption('--shop <domain>', 'your-shop.myshopify.com')
  .option('--token <token>', 'Admin API access token of a custom app (or SHOPIFY_ACCESS_TOKEN)')
  .option('--client-id <id>', 'Dev Dashboard app client id (or SHOPIFY_CLIENT_ID)')
  .option('--client-secret <secret>', 'Dev Dashboard app client secret (or SHOPIFY_CLIENT_SECRET)')
  .option('--api-secret <secret>', "the app's API secret that signs webhooks (or SHOPIFY_API_SECRET)")
  .option('--webhook-url <url>', 'public https address of this server, for webhooks')
  .action(
    async (options: {
      shop: string;
      token?: string;
      clientId?: string;
      clientSecret?: string;
      apiSecret?: string;
      webhookUrl?: string;
    }) => {
      const env = process.env;
      const apiSecret =
        options.apiSecret ?? env.SHOPIFY_API_SECRET ?? options.clientSecret ?? env.SHOPIFY_CLIENT_SECRET;
      if (!apiSecret) {
        console.error('--api-secret (or SHOPIFY_API_SECRET) is required');
        process.exitCode = 2;
        return;
      }
      process.exitCode = await connectCommand(readConfig(), cliIo, {
        shop: options.shop,
        token: options.token ?? env.SHOPIFY_ACCESS_TOKEN,
        clientId: options.clientId ?? env.SHOPIFY_CLIENT_ID,
        clientSecret: options.clientSecret ?? env.SHOPIFY_CLIENT_SECRET,
        apiSecret,
        webhookUrl: options.webhookUrl,
      });
    },
  );

program
  .command('first-sync')
  .description(
    'read the Shopify catalogue (resumable, with progress), show the matching; --confirm to link and set stock',
  )
  .option('--confirm', 'link the matched items and set Shopify to the POS stock figures', false)
  .option(
    '--import-shopify-only',
    'with --confirm: create Shopify-only products in the POS, with their Shopify stock',
    false,
  )
  .option(
    '--create-pos-only',
    'with --confirm: create POS-only products on Shopify, linked, with the POS stock',
    false,
  )
  .action(async (options: { confirm: boolean; importShopifyOnly: boolean; createPosOnly: boolean }) => {
    process.exitCode = await firstSyncCommand(readConfig(), cliIo, options);
  });

program
  .command('reconcile')
  .description('compare every linked item with Shopify now, correct the drift, print the report summary')
  .action(async () => {
    process.exitCode = await reconcileCommand(readConfig(), cliIo);
  });

await program.parseAsync(process.argv);
