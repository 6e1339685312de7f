import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { isPostgresReachable, POSTGRES_ADMIN_URL } from '../tests/support/test-databases.ts';
import type { BenchOptions, BenchSuite, Figure } from './bench-types.ts';
import { barcodeLookupBench } from './figures/barcode-lookup.bench.ts';
import { checkoutBench } from './figures/checkout.bench.ts';
import { oversellsBench } from './figures/oversells.bench.ts';
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
  oversellsBench,
];

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyIndex = args.indexOf('--only');
const only = onlyIndex >= 0 ? new Set((args[onlyIndex + 1] ?? '').split(',')) : undefined;
const postgresUrl = (await isPostgresReachable()) ? POSTGRES_ADMIN_URL : undefined;

const baselines = new Map<string, { value: number; note: string }>();
const serverPeaks: Array<{ where: string; megabytes: number }> = [];
/** The bench process's peaks during suites with no server inside it: shown, not counted. */
const benchPeaks: Array<{ where: string; megabytes: number }> = [];
const options: BenchOptions = {
  quick,
  postgresUrl,
  log: (line) => console.log(`  ${line}`),
  baseline: (figureName, value, note) => baselines.set(figureName, { value, note }),
  serverPeakRss: (where, megabytes) => serverPeaks.push({ where, megabytes }),
};
const figures: Figure[] = [];
const runStarted = Date.now();
for (const suite of suites) {
  if (only && !only.has(suite.name)) continue;
  console.log(`== ${suite.name}`);
  const started = Date.now();
  collectGarbage();
  resetPeakRss();
  figures.push(...(await suite.run(options)));
  // A server inside this process shares it with the sandbox and the load generators (and with what
  // earlier suites left on the heap), so this peak over-states the server's own.
  const benchPeak = { where: `bench process during ${suite.name}`, megabytes: peakRssMb() };
  if (suite.inProcessServer === false) benchPeaks.push(benchPeak);
  else serverPeaks.push(benchPeak);
  console.log(`   (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

for (const figure of figures) {
  const baseline = baselines.get(figure.name);
  if (baseline && figure.baseline === undefined) {
    figure.baseline = baseline.value;
    figure.note = [figure.note, `baseline: ${baseline.note}`].filter(Boolean).join('; ');
  }
}
const peak = serverPeaks.reduce((a, b) => (b.megabytes > a.megabytes ? b : a), {
  where: 'none',
  megabytes: 0,
});
figures.push({
  name: 'server_peak_rss_mb',
  value: peak.megabytes,
  unit: 'MB',
  note: `highest: ${peak.where}; counted (MB): ${serverPeaks.map((p) => `${p.where} ${p.megabytes}`).join(', ')}; a server process's figure is its own VmHWM, the bench process's also holds the sandbox and the load generators; not counted (no server in the bench process): ${benchPeaks.map((p) => `${p.where} ${p.megabytes}`).join(', ') || 'none'}`,
});

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

const { machine } = results;
console.log(
  `machine: ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.database}; ${quick ? 'quick' : 'full'} run in ${((Date.now() - runStarted) / 1000).toFixed(0)} s`,
);
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

/** A full GC between suites, so one suite's leftovers are not counted in the next one's peak. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/**
 * Linux keeps a process's peak RSS (VmHWM) and lets the process reset it (clear_refs 5), so each
 * suite's peak is its own; elsewhere the lifetime peak from getrusage is the best available.
 */
function resetPeakRss(): void {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    // not Linux: peakRssMb() falls back to the lifetime peak
  }
}

function peakRssMb(): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Math.round(Number(match[1]) / 1024);
  } catch {
    // not Linux
  }
  return Math.round(process.resourceUsage().maxRSS / 1024);
}
