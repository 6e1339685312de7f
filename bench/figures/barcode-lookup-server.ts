import { randomBytes } from 'node:crypto';
import { readConfig } from '../../src/config/config.ts';
import { type Db, openPostgres, openSqlite } from '../../src/db/database.ts';
import { buildApp } from '../../src/server/build-app.ts';
import { systemClock } from '../../src/shared/clock.ts';
import { newId } from '../../src/shared/ids.ts';
import { secretBoxFromKey } from '../../src/shared/secret-box.ts';

/**
 * The real app in a process of its own, as it runs in a shop, so the load generator in the bench
 * process does not share its event loop. Opens BENCH_DB_FILE (SQLite) or BENCH_DB_URL (PostgreSQL),
 * listens on 127.0.0.1 port 0, prints `{"port":…}` and serves until SIGTERM, then prints its peak RSS and the CPU time spent serving.
 */
const db: Db = process.env.BENCH_DB_URL
  ? openPostgres(process.env.BENCH_DB_URL)
  : openSqlite(process.env.BENCH_DB_FILE!);
const app = await buildApp(
  {
    db,
    clock: systemClock,
    newId,
    config: readConfig({ DATA_DIR: '/tmp/tillsync-bench-unused' }),
    secretBox: secretBoxFromKey(randomBytes(32)),
  },
  { logLevel: false, webRoot: '/nonexistent' },
);
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
const atListen = process.cpuUsage();
console.log(JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 }));

process.once('SIGTERM', async () => {
  await app.close();
  await db.close();
  const cpu = process.cpuUsage(atListen);
  console.log(
    JSON.stringify({
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      cpuMs: (cpu.user + cpu.system) / 1000,
    }),
  );
  process.exit(0);
});
