import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createAdminApiClient } from '@shopify/admin-api-client';
import type { CreatedShop } from '../control/shops.service.ts';
import { sandboxFetch } from '../sandbox-fetch.ts';
import { type RunningSandbox, type SandboxOptions, startSandbox } from '../start-sandbox.ts';

export const repoRoot = resolve(import.meta.dirname, '../../..');
/** ../shared beside the checkout (TILLSYNC_SHARED_DIR overrides; a worktree one level deeper also finds it). */
export const sharedDir =
  [process.env.TILLSYNC_SHARED_DIR, resolve(repoRoot, '../shared'), resolve(repoRoot, '../../shared')].find(
    (dir): dir is string => Boolean(dir && existsSync(resolve(dir, 'shopify'))),
  ) ?? resolve(repoRoot, '../shared');
export const realSchemaPath = resolve(sharedDir, 'shopify/admin-2026-07.graphql');
export const capturesDir = resolve(sharedDir, 'shopify/captures');
export const sharedPresent = existsSync(realSchemaPath);

export async function startTestSandbox(options: Partial<SandboxOptions> = {}): Promise<RunningSandbox> {
  return startSandbox({ port: 0, dataFile: ':memory:', seed: 7, ...options });
}

export async function createTestShop(sandbox: RunningSandbox, plan = 'standard'): Promise<CreatedShop> {
  const response = await fetch(`${sandbox.url}/sandbox/shops`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ plan }),
  });
  if (response.status !== 201)
    throw new Error(`shop creation failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as CreatedShop;
}

/** The official client, configured for the sandbox exactly as the project configures it. */
export function clientFor(sandbox: RunningSandbox, shop: CreatedShop, accessToken = shop.accessToken) {
  return createAdminApiClient({
    storeDomain: shop.domain,
    apiVersion: '2026-07',
    accessToken,
    customFetchApi: sandboxFetch(sandbox.url),
  });
}

// biome-ignore lint/suspicious/noExplicitAny: test assertions walk arbitrary response JSON.
type Json = any;
export type RawBody = Record<string, Json> & { data?: Json; errors?: Json; extensions?: Json };

/** A raw Admin API call (for status codes and bodies the client would hide). */
export async function rawGraphql(
  sandbox: RunningSandbox,
  token: string | undefined,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<{ status: number; body: RawBody }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers['x-shopify-access-token'] = token;
  const response = await fetch(`${sandbox.url}/admin/api/2026-07/graphql.json`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as RawBody };
}
