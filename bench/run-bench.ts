import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { isPostgresReachable, POSTGRES_ADMIN_URL } from '../tests/support/test-databases.ts';
import type { BenchOptions, BenchSuite, Figure } from './bench-types.ts';
import { barcodeLookupBench } from './figures/barcode-lookup.bench.ts';
import { checkoutBench } from './figures/checkout.bench.ts';
import { reconcileBench } from './figures/reconcile.bench.ts';
import { sandboxThroughput } from './figures/sandbox-throughput.bench.ts';
import { syncLatencyBench } from './figures/sync-latency.bench.ts';

/**
 * `npm run bench [-- --quick] [-- --only name,name]`: runs every suite, prints a table and writes
 * bench/results.json as DESIGN §6 describes. Suites are listed here; each lives in bench/figures/.
 */
const suites: BenchSuite[] = [
  sandboxThroughput,
  barcodeLookupBench,
  checkoutBench,
  syncLatencyBench,
  reconcileBench,
];

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyIndex = args.indexOf('--only');
const only = onlyIndex >= 0 ? new Set((args[onlyIndex + 1] ?? '').split(',')) : undefined;
const postgresUrl = (await isPostgresReachable()) ? POSTGRES_ADMIN_URL : undefined;

const options: BenchOptions = { quick, postgresUrl, log: (line) => console.log(`  ${line}`) };
const figures: Figure[] = [];
for (const suite of suites) {
  if (only && !only.has(suite.name)) continue;
  console.log(`== ${suite.name}`);
  const started = Date.now();
  figures.push(...(await suite.run(options)));
  console.log(`   (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

const results = {
  machine: {
    cores: cpus().length,
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    database: postgresUrl ? 'sqlite + postgres' : 'sqlite (postgres not reachable)',
  },
  quick,
  figures,
};
writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);

console.table(
  figures.map((f) => ({
    name: f.name,
    value: f.value,
    unit: f.unit,
    baseline: f.baseline ?? '',
    note: f.note ?? '',
  })),
);
console.log('written to bench/results.json');
process.exit(0);
