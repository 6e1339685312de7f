import { createAdminApiClient } from '@shopify/admin-api-client';
import { backoffDelay, type ThrottleStatus, waitBeforeCall } from '../core/throttle-pacing.ts';

/**
 * The one way tillsync talks to Shopify's Admin GraphQL API: the official @shopify/admin-api-client
 * plus what it does not do for us.
 *
 * - Pacing: every response's `extensions.cost.throttleStatus` is kept, and before a call we wait
 *   until the bucket will hold the call's expected cost (the last requested cost seen for the same
 *   operation), so we stay under the restore rate instead of discovering the limit.
 * - THROTTLED arrives with HTTP 200 and is not retried by the client: we back off (jittered) and retry.
 * - 429 and 5xx: back off and retry.
 * - A timeout or network failure is ambiguous (it may have been applied): a query is retried; a
 *   mutation only when it carries an `@idempotent` key, and then with the same key, so Shopify
 *   applies it once.
 * - A 401 asks the token source for a fresh token once (client-credentials tokens expire daily).
 *
 * `apiOrigin` points the same code at the sandbox: the client always builds
 * `https://<shop>/admin/api/...`, and the fetch below swaps that origin for the configured one.
 * Results are values, never exceptions, so the sync loops can record and carry on.
 */
export const SHOPIFY_API_VERSION = '2026-07';

export interface TokenSource {
  token(): Promise<string>;
  /** Called after a 401; the next token() must fetch a new one if it can. */
  invalidate(): void;
}

export interface ShopifyGraphqlOptions {
  shopDomain: string;
  tokens: TokenSource;
  /** e.g. http://127.0.0.1:4100 for the sandbox; undefined for real Shopify. */
  apiOrigin?: string | undefined;
  timeoutMs?: number;
  maxAttempts?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
}

export type GraphqlFailureKind = 'throttled' | 'http' | 'graphql' | 'network' | 'unauthorized';

export type GraphqlResult<T> =
  | { ok: true; data: T; cost: CostExtension | undefined; attempts: number }
  | {
      ok: false;
      kind: GraphqlFailureKind;
      message: string;
      status?: number;
      errors?: unknown[];
      attempts: number;
    };

export interface CostExtension {
  requestedQueryCost: number;
  actualQueryCost: number | null;
  throttleStatus: ThrottleStatus;
}

/**
 * API cost spent through one client since it was made: `actual` sums `actualQueryCost` (what the
 * bucket really lost); `requested` sums `requestedQueryCost`, including calls that were throttled
 * or refused and cost nothing in the end. `calls` counts every response that carried a cost.
 */
export interface CostSpent {
  actual: number;
  requested: number;
  calls: number;
}

export interface ShopifyGraphql {
  request<T>(operation: string, variables?: Record<string, unknown>): Promise<GraphqlResult<T>>;
  throttleStatus(): ThrottleStatus | undefined;
  /** A copy of the running totals; subtract two readings to cost a piece of work. */
  costSpent(): CostSpent;
}

const DEFAULT_EXPECTED_COST = 50;

export function createShopifyGraphql(options: ShopifyGraphqlOptions): ShopifyGraphql {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const maxAttempts = options.maxAttempts ?? 6;
  let lastStatus: { status: ThrottleStatus; at: number } | undefined;
  const expectedCost = new Map<string, number>();
  const spent: CostSpent = { actual: 0, requested: 0, calls: 0 };
  let client: { token: string; api: ReturnType<typeof createAdminApiClient> } | undefined;

  const customFetchApi = async (
    url: string,
    init?: { method?: string; headers?: HeadersInit; body?: string },
  ) => {
    const target = options.apiOrigin ? swapOrigin(url, options.apiOrigin) : url;
    return fetch(target, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  };

  async function apiFor(token: string) {
    if (client?.token !== token) {
      client = {
        token,
        api: createAdminApiClient({
          storeDomain: options.shopDomain,
          apiVersion: SHOPIFY_API_VERSION,
          accessToken: token,
          customFetchApi,
          retries: 0,
        }),
      };
    }
    return client.api;
  }

  async function request<T>(
    operation: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphqlResult<T>> {
    const isMutation = /^\s*mutation\b/.test(operation);
    const isIdempotent = /@idempotent\s*\(/.test(operation);
    const operationKey = operationName(operation);
    let refreshedToken = false;
    for (let attempt = 0; ; attempt++) {
      const attempts = attempt + 1;
      if (lastStatus) {
        const wait = waitBeforeCall(
          lastStatus.status,
          expectedCost.get(operationKey) ?? DEFAULT_EXPECTED_COST,
          now() - lastStatus.at,
        );
        if (wait > 0) await sleep(wait);
      }
      const api = await apiFor(await options.tokens.token());
      let response: Awaited<ReturnType<typeof api.request>>;
      try {
        response = await api.request(operation, variables ? { variables } : {});
      } catch (error) {
        response = { errors: { message: errorMessage(error) } };
      }
      if (
        response.errors &&
        response.errors.networkStatusCode === undefined &&
        !response.errors.graphQLErrors
      ) {
        // Timeouts and refused connections: ambiguous for a mutation without an idempotency key.
        const retriable = !isMutation || isIdempotent;
        if (retriable && attempts < maxAttempts) {
          await sleep(backoffDelay(attempt, random));
          continue;
        }
        return { ok: false, kind: 'network', message: response.errors.message ?? 'network error', attempts };
      }
      const cost = (response.extensions as { cost?: CostExtension } | undefined)?.cost;
      if (cost) {
        spent.calls++;
        spent.requested += cost.requestedQueryCost ?? 0;
        // An oversized input is charged its requested cost with `actualQueryCost: null` (NOTES §9).
        spent.actual += cost.actualQueryCost ?? 0;
      }
      if (cost?.throttleStatus) {
        lastStatus = { status: cost.throttleStatus, at: now() };
        expectedCost.set(operationKey, cost.requestedQueryCost);
      }
      const errors = response.errors;
      if (!errors) return { ok: true, data: response.data as T, cost, attempts };

      const status = errors.networkStatusCode;
      const graphQLErrors = (errors.graphQLErrors ?? []) as Array<{ extensions?: { code?: string } }>;
      if (status === 401 && !refreshedToken) {
        refreshedToken = true;
        options.tokens.invalidate();
        continue;
      }
      if (status === 401)
        return {
          ok: false,
          kind: 'unauthorized',
          message: errors.message ?? 'Unauthorized',
          status,
          attempts,
        };
      const throttled = graphQLErrors.some((e) => e.extensions?.code === 'THROTTLED');
      // THROTTLED and 429 mean nothing ran. A 5xx may come after Shopify applied the call (a 504 from
      // its edge), so it is as ambiguous as a timeout: a mutation is repeated only under its key.
      const serverError = status !== undefined && status >= 500 && (!isMutation || isIdempotent);
      const transient = throttled || status === 429 || serverError;
      if (transient && attempts < maxAttempts) {
        await sleep(backoffDelay(attempt, random, throttled ? 1000 : 500));
        continue;
      }
      if (throttled) return { ok: false, kind: 'throttled', message: 'Throttled', attempts };
      if (status !== undefined && status !== 200) {
        return { ok: false, kind: 'http', message: errors.message ?? `HTTP ${status}`, status, attempts };
      }
      return {
        ok: false,
        kind: 'graphql',
        message: errors.message ?? 'GraphQL error',
        errors: graphQLErrors,
        attempts,
      };
    }
  }

  return { request, throttleStatus: () => lastStatus?.status, costSpent: () => ({ ...spent }) };
}

function swapOrigin(url: string, origin: string): string {
  const parsed = new URL(url);
  const replacement = new URL(origin);
  parsed.protocol = replacement.protocol;
  parsed.host = replacement.host;
  return parsed.toString();
}

function operationName(operation: string): string {
  return /\b(?:query|mutation)\s+(\w+)/.exec(operation)?.[1] ?? operation.slice(0, 80);
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A permanent custom-app token. */
export function staticToken(token: string): TokenSource {
  return { token: async () => token, invalidate: () => {} };
}
