import { resolve } from 'node:path';

/** Everything the process reads from its environment, parsed once at start. See README "Configuration". */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** PostgreSQL connection string; when absent the embedded SQLite file under dataDir is used. */
  databaseUrl: string | undefined;
  logLevel: string;
  /** Credentials for the first owner on a scripted install; otherwise a password is generated and printed once. */
  ownerEmail: string | undefined;
  ownerPassword: string | undefined;
  /** 64 hex characters; when absent a key file is created under dataDir. */
  secretKeyHex: string | undefined;
  /**
   * Run the demo: a local Shopify sandbox with a demo store, connected and selling (default on,
   * and only while no real store is connected).
   */
  demo: boolean;
  /** Port of the demo's Shopify sandbox (default PORT + 1). */
  sandboxPort: number;
  /** Simulated online orders per minute in the demo. */
  demoOrdersPerMinute: number;
  /** Secure cookies when the app is served over https. */
  secureCookies: boolean;
}

export type Env = Record<string, string | undefined>;

export function readConfig(env: Env = process.env): Config {
  const port = parsePort(env.PORT ?? '3000');
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    dataDir: resolve(env.DATA_DIR ?? './data'),
    databaseUrl: emptyToUndefined(env.DATABASE_URL),
    logLevel: env.LOG_LEVEL ?? 'warn',
    ownerEmail: emptyToUndefined(env.TILLSYNC_OWNER_EMAIL),
    ownerPassword: emptyToUndefined(env.TILLSYNC_OWNER_PASSWORD),
    secretKeyHex: emptyToUndefined(env.TILLSYNC_SECRET_KEY),
    secureCookies: env.TILLSYNC_SECURE_COOKIES === '1',
    demo: env.TILLSYNC_DEMO !== '0',
    sandboxPort: env.SANDBOX_PORT ? parsePort(env.SANDBOX_PORT) : port === 0 ? 0 : port + 1,
    demoOrdersPerMinute: Number(env.TILLSYNC_DEMO_ORDERS_PER_MINUTE ?? '2'),
  };
}

function parsePort(raw: string): number {
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer from 0 to 65535, got "${raw}"`);
  }
  return port;
}

function emptyToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
