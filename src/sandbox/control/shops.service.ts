import { randomBytes } from 'node:crypto';
import type { Clock } from '../../shared/clock.ts';
import { gid } from '../gid.ts';
import { nowText } from '../shopify-time.ts';
import type { ShopRow } from '../store/rows.ts';
import { allocateIds, type SandboxDb } from '../store/sandbox-db.ts';
import { sql } from '../store/statements.ts';
import { PLAN_NAMES } from '../throttle/plans.ts';
import { setScopes } from './app-scopes.ts';

export interface CreatedShop {
  domain: string;
  plan: string;
  accessToken: string;
  apiSecret: string;
  clientId: string;
  clientSecret: string;
  locationIds: string[];
}

const secret = (prefix: string) => `${prefix}${randomBytes(16).toString('hex')}`;

/**
 * A new shop with its app installed: a permanent Admin API token (a custom app's `shpat_…`), the app's
 * client id and secret for the client-credentials grant (the secret also signs webhooks, as Shopify's
 * app secret does), and two locations.
 */
export function createShop(
  db: SandboxDb,
  clock: Clock,
  input: { plan: string; name?: string; locations?: string[]; scopes?: string[] },
): CreatedShop {
  if (!PLAN_NAMES.includes(input.plan)) throw new Error(`plan must be one of ${PLAN_NAMES.join(', ')}`);
  return db.transaction(() => {
    const id = allocateIds(db);
    const name = input.name ?? `Sandbox shop ${id}`;
    const domain = `${name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')}-${id}.myshopify.com`;
    const now = nowText(clock);
    const apiSecret = secret('shpss_');
    const clientId = randomBytes(16).toString('hex');
    sql(
      db,
      `INSERT INTO shops (id, domain, name, plan, api_secret, client_id, client_secret, currency, next_order_number, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'GBP', 1001, ?)`,
    ).run(id, domain, name, input.plan, apiSecret, clientId, apiSecret, now);
    if (input.scopes) setScopes(db, id, input.scopes);
    const accessToken = secret('shpat_');
    sql(db, 'INSERT INTO tokens (token, shop_id, expires_at) VALUES (?, ?, NULL)').run(accessToken, id);
    const locationIds = (input.locations ?? ['Shop location', 'Warehouse']).map((locationName) => {
      const locationId = allocateIds(db);
      const levelKey = allocateIds(db);
      sql(db, 'INSERT INTO locations (id, shop_id, name, level_key, created_at) VALUES (?, ?, ?, ?, ?)').run(
        locationId,
        id,
        locationName,
        levelKey,
        now,
      );
      return gid('Location', locationId);
    });
    return {
      domain,
      plan: input.plan,
      accessToken,
      apiSecret,
      clientId,
      clientSecret: apiSecret,
      locationIds,
    };
  })();
}

export function findShopByDomain(db: SandboxDb, domain: string): ShopRow | undefined {
  return sql(db, 'SELECT * FROM shops WHERE domain = ?').get(domain) as ShopRow | undefined;
}

/** The shop a token opens, or undefined when the token is unknown or has expired. */
export function shopForToken(db: SandboxDb, token: string, now: Date): ShopRow | undefined {
  const row = sql(db, 'SELECT shop_id, expires_at FROM tokens WHERE token = ?').get(token) as
    | { shop_id: number; expires_at: string | null }
    | undefined;
  if (!row || (row.expires_at !== null && new Date(row.expires_at) <= now)) return undefined;
  return sql(db, 'SELECT * FROM shops WHERE id = ?').get(row.shop_id) as ShopRow | undefined;
}

/** The client-credentials grant: a token that expires after `ttlSeconds` (Shopify: about 24 hours). */
export function grantClientCredentials(
  db: SandboxDb,
  clock: Clock,
  clientId: string,
  clientSecret: string,
  ttlSeconds: number,
): { token: string; expiresIn: number } | undefined {
  const shop = sql(db, 'SELECT * FROM shops WHERE client_id = ? AND client_secret = ?').get(
    clientId,
    clientSecret,
  ) as ShopRow | undefined;
  if (!shop) return undefined;
  const token = secret('shpat_');
  const expiresAt = new Date(clock.now().getTime() + ttlSeconds * 1000).toISOString();
  sql(db, 'INSERT INTO tokens (token, shop_id, expires_at) VALUES (?, ?, ?)').run(token, shop.id, expiresAt);
  return { token, expiresIn: ttlSeconds };
}
