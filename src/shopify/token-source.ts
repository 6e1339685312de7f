import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Clock } from '../shared/clock.ts';
import type { SecretBox } from '../shared/secret-box.ts';
import type { ShopifyConnectionRow } from './connection.repository.ts';
import type { TokenSource } from './shopify-graphql.ts';

/**
 * Access tokens. A custom app made in the Shopify admin has a permanent token. A Dev Dashboard app
 * (the only kind since January 2026) exchanges its client id and secret through the
 * client-credentials grant for a token that expires after about 24 hours: we keep it sealed with
 * its expiry, refresh it an hour early, and at once after a 401.
 */
export const REFRESH_MARGIN_MS = 60 * 60 * 1000;

export interface ClientCredentialsToken {
  accessToken: string;
  scope: string;
  expiresAt: string;
}

export async function requestClientCredentialsToken(options: {
  shopDomain: string;
  clientId: string;
  clientSecret: string;
  apiOrigin: string | null;
  clock: Clock;
}): Promise<ClientCredentialsToken> {
  const origin = options.apiOrigin ?? `https://${options.shopDomain}`;
  const response = await fetch(`${origin}/admin/oauth/access_token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      'x-shopify-shop-domain': options.shopDomain,
    },
    body: JSON.stringify({
      grant_type: 'client_credentials',
      client_id: options.clientId,
      client_secret: options.clientSecret,
    }),
    signal: AbortSignal.timeout(15_000),
  });
  if (!response.ok) throw new Error(`Shopify refused the client credentials (HTTP ${response.status})`);
  const body = (await response.json()) as { access_token?: string; scope?: string; expires_in?: number };
  if (!body.access_token) throw new Error('Shopify answered the token request without an access token');
  const expiresInMs = (body.expires_in ?? 86_399) * 1000;
  return {
    accessToken: body.access_token,
    scope: body.scope ?? '',
    expiresAt: new Date(options.clock.now().getTime() + expiresInMs).toISOString(),
  };
}

export function tokenSourceFor(
  db: Kysely<Database>,
  deps: { clock: Clock; secretBox: SecretBox },
  connection: ShopifyConnectionRow,
): TokenSource {
  if (connection.auth_kind === 'access_token') {
    const token = deps.secretBox.open(connection.access_token_sealed ?? '');
    return { token: async () => token, invalidate: () => {} };
  }
  let current: { token: string; expiresAt: string } | undefined =
    connection.access_token_sealed && connection.token_expires_at
      ? { token: deps.secretBox.open(connection.access_token_sealed), expiresAt: connection.token_expires_at }
      : undefined;
  let refreshing: Promise<string> | undefined;
  const fresh = () =>
    current !== undefined &&
    new Date(current.expiresAt).getTime() - deps.clock.now().getTime() > REFRESH_MARGIN_MS;
  return {
    async token() {
      if (current && fresh()) return current.token;
      refreshing ??= (async () => {
        try {
          const issued = await requestClientCredentialsToken({
            shopDomain: connection.shop_domain,
            clientId: connection.client_id ?? '',
            clientSecret: deps.secretBox.open(connection.client_secret_sealed ?? ''),
            apiOrigin: connection.api_origin,
            clock: deps.clock,
          });
          current = { token: issued.accessToken, expiresAt: issued.expiresAt };
          await db
            .updateTable('shopify_connection')
            .set({
              access_token_sealed: deps.secretBox.seal(issued.accessToken),
              token_expires_at: issued.expiresAt,
            })
            .where('id', '=', 1)
            .execute();
          return issued.accessToken;
        } finally {
          refreshing = undefined;
        }
      })();
      return refreshing;
    },
    invalidate() {
      current = undefined;
    },
  };
}
