import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Fastify from 'fastify';
import { type Clock, systemClock } from '../shared/clock.ts';
import { createRuntime, type SandboxRuntime } from './sandbox-runtime.ts';
import { registerAdminApiRoutes } from './server/admin-api.routes.ts';
import { registerControlRoutes } from './server/control.routes.ts';
import { openSandboxDb } from './store/sandbox-db.ts';

export interface SandboxOptions {
  port: number;
  host?: string;
  /** The sandbox's own SQLite file; ':memory:' for a throwaway one. */
  dataFile: string;
  /** Seed of every fault decision (and the storefront's choices). */
  seed?: number;
  /** Lifetime of client-credentials tokens in seconds; Shopify's is about 24 hours. */
  tokenTtlSeconds?: number;
  /** First retry delay of a failed webhook delivery (default 1 s, doubling). */
  webhookRetryBaseMs?: number;
  /** How long a webhook receiver has to answer (default Shopify's 5 s; tests shorten it). */
  webhookResponseLimitMs?: number;
  clock?: Clock;
}

export interface RunningSandbox {
  url: string;
  runtime: SandboxRuntime;
  close(): Promise<void>;
}

/**
 * Starts the Shopify sandbox: a Fastify server of its own speaking the Admin GraphQL API for the
 * subset the project uses, plus the control API under /sandbox. Used by `tillsync sandbox`, by
 * `npm start` when no real store is configured, and by tests.
 */
export async function startSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  if (options.dataFile !== ':memory:') mkdirSync(dirname(options.dataFile), { recursive: true });
  const db = openSandboxDb(options.dataFile);
  const runtime = createRuntime(
    db,
    options.clock ?? systemClock,
    options.seed ?? 1,
    options.tokenTtlSeconds ?? 86_400,
  );
  runtime.webhookRetryBaseMs = options.webhookRetryBaseMs ?? 1000;
  runtime.webhookResponseLimitMs = options.webhookResponseLimitMs ?? 5000;
  // Unknown fields are refused, not silently dropped (Fastify's default strips them).
  const app = Fastify({
    logger: false,
    bodyLimit: 10 * 1024 * 1024,
    ajv: { customOptions: { removeAdditional: false } },
  });
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    },
  );
  registerAdminApiRoutes(app, runtime);
  registerControlRoutes(app, runtime);
  const hooks: Array<() => Promise<void> | void> = [];
  const { startExtras } = await import('./start-extras.ts');
  hooks.push(...(await startExtras(app, runtime, options.seed ?? 1)));
  await app.listen({ port: options.port, host: options.host ?? '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  runtime.baseUrl = `http://${options.host ?? '127.0.0.1'}:${port}`;
  return {
    url: runtime.baseUrl,
    runtime,
    close: async () => {
      for (const hook of hooks) await hook();
      await app.close();
      db.close();
    },
  };
}
