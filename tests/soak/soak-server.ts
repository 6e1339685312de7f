import { readConfig } from '../../src/config/config.ts';
import { startServer } from '../../src/server/start-server.ts';

/**
 * `tillsync serve` with the sync engine on soak timings: a fast tick, a short polling interval and
 * short claims, so that the work a SIGKILLed process held is taken over within the seed rather than
 * after the production 30 s. Everything else is the shipped server.
 */
const number = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
await startServer(readConfig(), () => {}, {
  tickMs: number('SOAK_TICK_MS', 25),
  pollIntervalMs: number('SOAK_POLL_MS', 4000),
  reconcileIntervalMs: 24 * 3600 * 1000,
  claimMs: number('SOAK_CLAIM_MS', 1500),
});
