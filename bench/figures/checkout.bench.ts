import { Agent, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Db } from '../../src/db/database.ts';
import type { AppDeps } from '../../src/server/app-deps.ts';
import { newId } from '../../src/shared/ids.ts';
import { createApiToken } from '../../src/staff/session.service.ts';
import { createStaffMember } from '../../src/staff/staff.service.ts';
import { createTestApp } from '../../tests/support/test-app.ts';
import {
  createPostgresTestDatabase,
  createSqliteTestDatabase,
  type TestDatabase,
} from '../../tests/support/test-databases.ts';
import type { BenchOptions, BenchSuite, Figure } from '../bench-types.ts';

/**
 * `checkout_per_s_<db>` and `checkout_p99_ms_<db>` (DESIGN §6): a 3-line cash sale through the real
 * HTTP API (POST /api/sales, API-token auth, a fresh sale id per request), 16 requests in flight,
 * against a fresh database seeded with 1,000 items. The load is driven from this process over
 * keep-alive sockets; the client's share of the CPU is small next to the server's.
 */
const CONCURRENCY = 16;
const VARIANTS = 1000;

export const checkoutBench: BenchSuite = {
  name: 'checkout',
  async run(options: BenchOptions): Promise<Figure[]> {
    const figures: Figure[] = [];
    const seconds = options.quick ? 3 : 10;
    const creators: Array<['sqlite' | 'postgres', () => Promise<TestDatabase>]> = [
      ['sqlite', createSqliteTestDatabase],
    ];
    if (options.postgresUrl) creators.push(['postgres', createPostgresTestDatabase]);
    else options.log('postgres: not reachable, its checkout figures are skipped');
    for (const [dialect, create] of creators) {
      const database = await create();
      try {
        const result = await measureCheckout(database.db, seconds, options);
        const note = `${result.completed} sales in ${result.seconds.toFixed(1)} s, concurrency ${CONCURRENCY}, ${result.failed} failed, ${result.cpuMsPerSale.toFixed(2)} ms CPU per sale in this process`;
        figures.push(
          { name: `checkout_per_s_${dialect}`, value: round(result.perSecond, 1), unit: 'sales/s', note },
          {
            name: `checkout_p99_ms_${dialect}`,
            value: round(result.p99Ms, 2),
            unit: 'ms',
            note: `p50 ${round(result.p50Ms, 2)} ms`,
          },
        );
      } finally {
        // pg-pool's end() resolves before its clients' sockets have closed; dropping the database
        // `with (force)` at once can kill a closing client, whose error event then crashes the run.
        await database.db.close();
        await new Promise((resolve) => setTimeout(resolve, 250));
        await database.drop();
      }
    }
    return figures;
  },
};

export async function measureCheckout(db: Db, seconds: number, options: BenchOptions) {
  // The same app and deps the HTTP tests use, so the bench follows AppDeps as it grows.
  const { app, deps } = await createTestApp(db);
  const { registerId, variants, token } = await seed(db, deps);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const port = (app.server.address() as AddressInfo).port;
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const checkout = () => {
    const lines = pickThree(variants).map((v) => ({ id: newId('line'), variantId: v.id, quantity: 1 }));
    const total = lines.reduce(
      (sum, line) => sum + variants.find((v) => v.id === line.variantId)!.priceMinor,
      0,
    );
    return post(agent, port, token, {
      id: newId('sale'),
      registerId,
      lines,
      payments: [{ method: 'cash', amountMinor: total + 100 }],
    });
  };
  try {
    await runFor(1, checkout); // warm up: JIT, connection pool, prepared plans
    const result = await runFor(seconds, checkout);
    options.log(
      `${db.dialect}: ${result.completed} sales, ${result.perSecond.toFixed(0)}/s, p50 ${result.p50Ms.toFixed(1)} ms, p99 ${result.p99Ms.toFixed(1)} ms, ${result.failed} failed, ${result.cpuMsPerSale.toFixed(2)} ms CPU/sale, load ${loadavg()[0]!.toFixed(1)}`,
    );
    return result;
  } finally {
    agent.destroy();
    await app.close();
  }
}

async function runFor(seconds: number, checkout: () => Promise<number>) {
  const latencies: number[] = [];
  let failed = 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const begin = performance.now();
      const status = await checkout();
      if (status === 201) latencies.push(performance.now() - begin);
      else failed += 1;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const elapsed = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return {
    completed: latencies.length,
    failed,
    seconds: elapsed,
    perSecond: latencies.length / elapsed,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    // This process's CPU (server and load client together) per sale: steadier than sales/s on a
    // machine shared with other work.
    cpuMsPerSale: (cpu.user + cpu.system) / 1000 / Math.max(1, latencies.length),
  };
}

function post(agent: Agent, port: number, token: string, body: object): Promise<number> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/api/sales',
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
          authorization: `Bearer ${token}`,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

async function seed(db: Db, deps: AppDeps) {
  const now = new Date().toISOString();
  const locationId = newId('loc');
  await db.kysely
    .insertInto('locations')
    .values({ id: locationId, name: 'Shop', active: 1, created_at: now })
    .execute();
  const registerId = newId('reg');
  await db.kysely
    .insertInto('registers')
    .values({ id: registerId, name: 'Till 1', location_id: locationId, active: 1, created_at: now })
    .execute();
  const variants: Array<{ id: string; priceMinor: number }> = [];
  for (let batch = 0; batch < VARIANTS / 100; batch++) {
    const products = [];
    const rows = [];
    for (let i = 0; i < 100; i++) {
      const n = batch * 100 + i;
      const productId = newId('prd');
      const id = newId('var');
      const priceMinor = 100 + ((n * 37) % 5000);
      products.push({
        id: productId,
        name: `Item ${n}`,
        description: null,
        option_names: '[]',
        tax_rate_bp: n % 5 === 0 ? 500 : 2000,
        active: 1,
        created_at: now,
        updated_at: now,
      });
      rows.push({
        id,
        product_id: productId,
        title: 'Default',
        option_values: '[]',
        sku: `SKU-${n}`,
        barcode: null,
        barcode_key: null,
        price_minor: priceMinor,
        cost_minor: null,
        low_stock_threshold: null,
        active: 1,
        created_at: now,
        updated_at: now,
      });
      variants.push({ id, priceMinor });
    }
    await db.kysely.insertInto('products').values(products).execute();
    await db.kysely.insertInto('product_variants').values(rows).execute();
  }
  const cashier = await createStaffMember(db.kysely, deps, {
    email: 'bench-cashier@test.local',
    displayName: 'Bench cashier',
    role: 'cashier',
    password: 'correct horse battery',
  });
  const { token } = await createApiToken(db.kysely, deps, cashier.id, 'bench');
  return { registerId, variants, token };
}

function pickThree<T>(items: readonly T[]): T[] {
  const chosen = new Set<number>();
  while (chosen.size < 3) chosen.add(Math.floor(Math.random() * items.length));
  return [...chosen].map((i) => items[i]!);
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
