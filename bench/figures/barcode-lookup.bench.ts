import { type ChildProcess, spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { type Kysely, sql } from 'kysely';
import { compiledBarcodeLookup } from '../../src/catalog/catalog.repository.ts';
import { lookupBarcode } from '../../src/catalog/lookup-barcode.service.ts';
import { gtinCheckDigit } from '../../src/core/gtin.ts';
import type { Database } from '../../src/db/schema.ts';
import { systemClock } from '../../src/shared/clock.ts';
import { newId } from '../../src/shared/ids.ts';
import { createApiToken } from '../../src/staff/session.service.ts';
import { createStaffMember } from '../../src/staff/staff.service.ts';
import {
  createPostgresTestDatabase,
  createSqliteTestDatabase,
  type TestDatabase,
} from '../../tests/support/test-databases.ts';
import type { BenchOptions, BenchSuite, Figure } from '../bench-types.ts';

/**
 * DESIGN §6 `barcode_lookup_per_s` / `barcode_lookup_p99_ms` per database: a cashier's scans through
 * the HTTP API (GET /api/catalog/lookup, API-token auth) against a 100k-variant catalogue, 32
 * connections, random known barcodes; the server runs in its own process. Target ≥ 5,000/s, p99 < 10 ms.
 */
const CONNECTIONS = 32;
const SEED_BATCH = 500;

/** Variant n's EAN-13, in the GS1 UK range. */
function benchBarcode(n: number): string {
  const body = `50${String(n).padStart(10, '0')}`;
  return `${body}${gtinCheckDigit(body)}`;
}

/** Two variants per product, as in a shop with sizes; batched multi-row inserts in one transaction. */
async function seedCatalog(db: Kysely<Database>, variants: number): Promise<void> {
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    for (let start = 0; start < variants; start += SEED_BATCH) {
      const products = [];
      const rows = [];
      for (let n = start; n < Math.min(start + SEED_BATCH, variants); n += 2) {
        const productId = `prd_bench${String(n).padStart(10, '0')}`;
        products.push({
          id: productId,
          name: `Bench product ${n / 2}`,
          description: null,
          option_names: '["Size"]',
          tax_rate_bp: 2000,
          active: 1,
          created_at: now,
          updated_at: now,
        });
        for (const [offset, size] of [
          [0, 'S'],
          [1, 'L'],
        ] as const) {
          const i = n + offset;
          if (i >= variants) break;
          const barcode = benchBarcode(i);
          rows.push({
            id: `var_bench${String(i).padStart(10, '0')}`,
            product_id: productId,
            title: size,
            option_values: JSON.stringify([size]),
            sku: `BENCH-${i}`,
            barcode,
            barcode_key: `0${barcode}`,
            price_minor: 100 + (i % 5000),
            cost_minor: 50,
            low_stock_threshold: null,
            position: offset,
            active: 1,
            created_at: now,
            updated_at: now,
          });
        }
      }
      await trx.insertInto('products').values(products).execute();
      await trx.insertInto('product_variants').values(rows).execute();
    }
  });
}

interface ServerUsage {
  peakRssMb: number;
  cpuMs: number;
}

/** The database side of a scan, without HTTP: the repository's lookup, one at a time. */
async function meanLookupMicros(db: Kysely<Database>, variants: number): Promise<number> {
  const runs = 2000;
  for (let i = 0; i < 200; i++) await lookupBarcode(db, benchBarcode(i)); // warm-up
  const started = performance.now();
  for (let i = 0; i < runs; i++) await lookupBarcode(db, benchBarcode(Math.floor(Math.random() * variants)));
  return ((performance.now() - started) * 1000) / runs;
}

/** PostgreSQL's own execution time for the lookup (EXPLAIN ANALYZE), without network or driver. */
async function meanPostgresExecutionMicros(db: Kysely<Database>, variants: number): Promise<number> {
  const compiled = compiledBarcodeLookup(db, 2);
  const runs = 200;
  let total = 0;
  for (let i = 0; i < runs; i++) {
    const gtin14 = `0${benchBarcode(Math.floor(Math.random() * variants))}`;
    const { rows } = await db.executeQuery<{ 'QUERY PLAN': Array<{ 'Execution Time': number }> }>({
      ...compiled,
      sql: `explain (analyze, format json) ${compiled.sql}`,
      parameters: [gtin14, `int:${gtin14.slice(1)}`],
    });
    total += rows[0]?.['QUERY PLAN'][0]?.['Execution Time'] ?? Number.NaN;
  }
  return (total / runs) * 1000;
}

async function startServer(
  test: TestDatabase,
): Promise<{ child: ChildProcess; port: number; stop(): Promise<ServerUsage | undefined> }> {
  const env = { ...process.env };
  if (test.connection.databaseUrl) env.BENCH_DB_URL = test.connection.databaseUrl;
  else env.BENCH_DB_FILE = test.connection.file!;
  // BENCH_SERVER_NODE_ARGS="--cpu-prof" profiles the server (NODE_OPTIONS refuses that flag).
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(
    process.execPath,
    [
      ...nodeArgs,
      fileURLToPath(new URL('../../bin/run-ts.js', import.meta.url)),
      fileURLToPath(new URL('./barcode-lookup-server.ts', import.meta.url)),
    ],
    { env, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const first = await lines.next();
  if (first.done) throw new Error('the bench server exited before listening');
  const { port } = JSON.parse(first.value) as { port: number };
  return {
    child,
    port,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const last = await lines.next();
      await exited;
      return last.done ? undefined : (JSON.parse(last.value) as ServerUsage);
    },
  };
}

async function measure(dialect: 'sqlite' | 'postgres', options: BenchOptions): Promise<Figure[]> {
  const variants = options.quick ? 20_000 : 100_000;
  const seconds = options.quick ? 3 : 10;
  const test = dialect === 'sqlite' ? await createSqliteTestDatabase() : await createPostgresTestDatabase();
  try {
    const seeded = Date.now();
    await seedCatalog(test.db.kysely, variants);
    options.log(`${dialect}: seeded ${variants} variants in ${((Date.now() - seeded) / 1000).toFixed(1)} s`);
    const deps = { clock: systemClock, newId };
    const cashier = await createStaffMember(test.db.kysely, deps, {
      email: 'bench-cashier@bench.local',
      displayName: 'Bench cashier',
      role: 'cashier',
      password: 'bench password long enough',
    });
    const { token } = await createApiToken(test.db.kysely, deps, cashier.id, 'barcode lookup bench');
    // Fresh statistics, as autovacuum keeps them on a shop's long-lived database.
    if (dialect === 'postgres') await sql`analyze`.execute(test.db.kysely);
    const dbMicros = await meanLookupMicros(test.db.kysely, variants);
    options.log(
      `${dialect}: one lookup query in-process (Kysely + database) takes ${dbMicros.toFixed(0)} µs on average`,
    );
    const executionMicros =
      dialect === 'postgres' ? await meanPostgresExecutionMicros(test.db.kysely, variants) : undefined;
    if (executionMicros !== undefined) {
      options.log(
        `postgres: its own execution time of the lookup (EXPLAIN ANALYZE): ${executionMicros.toFixed(0)} µs`,
      );
    }
    const server = await startServer(test);
    try {
      const run = (duration: number) =>
        autocannon({
          url: `http://127.0.0.1:${server.port}`,
          connections: CONNECTIONS,
          duration,
          headers: { authorization: `Bearer ${token}` },
          requests: [
            {
              method: 'GET',
              setupRequest: (request) => ({
                ...request,
                path: `/api/catalog/lookup?barcode=${benchBarcode(Math.floor(Math.random() * variants))}`,
              }),
            },
          ],
        });
      const warmUp = await run(1); // JIT, connection pool
      const result = await run(seconds);
      const perSecond = Math.round(result['2xx'] / result.duration);
      const p99 = result.latency.p99;
      const failures = result.non2xx + result.errors;
      options.log(
        `${dialect}: ${perSecond} lookups/s, p99 ${p99} ms, mean ${result.latency.average} ms, ${failures} failed`,
      );
      const usage = await server.stop();
      if (usage) options.serverPeakRss(`barcode-lookup server process (${dialect})`, usage.peakRssMb);
      // CPU per request does not depend on what else the machine is running, unlike the rate.
      const cpuPerRequest = usage ? usage.cpuMs / (warmUp.requests.sent + result.requests.sent) : Number.NaN;
      options.log(
        `${dialect}: server CPU ${cpuPerRequest.toFixed(3)} ms/request, peak RSS ${usage?.peakRssMb} MB`,
      );
      const note = `${variants} variants, ${CONNECTIONS} connections, ${seconds} s, server in its own process using ${cpuPerRequest.toFixed(2)} CPU ms/request, lookup query alone ${dbMicros.toFixed(0)} µs${executionMicros === undefined ? '' : ` (${executionMicros.toFixed(0)} µs inside PostgreSQL)`}, peak RSS ${usage?.peakRssMb} MB, machine load average ${loadavg()[0]?.toFixed(1)}${failures > 0 ? `, ${failures} FAILED requests` : ''}`;
      return [
        { name: `barcode_lookup_per_s_${dialect}`, value: perSecond, unit: 'lookups/s', note },
        { name: `barcode_lookup_p99_ms_${dialect}`, value: p99, unit: 'ms', note },
      ];
    } finally {
      if (server.child.exitCode === null) server.child.kill('SIGTERM');
    }
  } finally {
    await test.drop();
  }
}

export const barcodeLookupBench: BenchSuite = {
  name: 'barcode-lookup',
  inProcessServer: false,
  async run(options) {
    const figures = await measure('sqlite', options);
    if (options.postgresUrl) figures.push(...(await measure('postgres', options)));
    else options.log('postgres: not reachable, its figures are skipped');
    for (const figure of figures) options.log(`${figure.name} = ${figure.value} ${figure.unit}`);
    return figures;
  },
};
