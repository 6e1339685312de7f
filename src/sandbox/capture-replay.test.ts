import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, validate } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSchema } from './graphql/admin-schema.ts';
import type { RunningSandbox } from './start-sandbox.ts';
import { createStockedProduct } from './test-support/catalog-fixtures.ts';
import { capturesDir, rawGraphql, sharedPresent, startTestSandbox } from './test-support/sandbox-harness.ts';

/**
 * Replays the real captures that exercise operations the sandbox implements, and compares what can be
 * compared without Shopify's data: for every recorded failure (top-level errors or userErrors) the
 * sandbox must fail the same way — same error codes, same userError fields and codes, same payload
 * keys. Ids that Shopify answered with are mapped to sandbox items and locations; ids it never
 * returned stay unknown, as they were. Capture files that hold only a `documentPath` (the document was
 * not copied) cannot be replayed and are not listed: inventory-quantity-contracts-2026-04,
 * inventory-adjust-ledger-document-validation, orderCancel-error-messages, refund-create-user-errors-and-
 * quantities and the webhook-subscription files. order-refund-fulfillment-usererror-no-code selects
 * mutations the sandbox does not serve; fulfillment-create-preconditions fails only on orders made by
 * such unrecorded steps.
 */
const files = [
  'harry-test-heelo.myshopify.com/2026-04/products/inventorySetQuantities-quantity-bounds.json',
  'harry-test-heelo.myshopify.com/2026-04/products/inventorySetQuantities-name-validation.json',
  'harry-test-heelo.myshopify.com/2026-04/products/inventory-reason-validation.json',
  'harry-test-heelo.myshopify.com/2026-04/products/inventory-existence-validation.json',
  'harry-test-heelo.myshopify.com/2026-04/products/inventory-adjust-name-allowlist.json',
  'harry-test-heelo.myshopify.com/2026-04/products/inventory-activate-on-hand.json',
  'harry-test-heelo.myshopify.com/2026-04/bulk-operations/bulk-operation-run-query-user-error-codes.json',
  'harry-test-heelo.myshopify.com/2025-01/admin-platform/graphql-base-validation-unhappy-paths.json',
  'harry-test-heelo.myshopify.com/2026-04/bulk-operations/bulk-operation-run-query-validators.json',
];

interface Case {
  name: string;
  query: string;
  variables: Record<string, unknown>;
  response: { data?: Record<string, unknown> | null; errors?: Array<{ extensions?: { code?: string } }> };
}

function casesOf(json: unknown): Case[] {
  const cases: Case[] = [];
  const visit = (node: unknown, name: string) => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        visit(item, `${name}/${i}`);
      });
      return;
    }
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    const response = record.response as Record<string, unknown> | undefined;
    const body = (response?.body ?? response?.payload ?? response) as Case['response'] | undefined;
    const request = record.request as { query?: unknown; variables?: unknown } | undefined;
    const query = typeof record.query === 'string' ? record.query : request?.query;
    if (typeof query === 'string' && body && typeof body === 'object') {
      cases.push({
        name,
        query,
        variables: (record.variables ?? request?.variables ?? {}) as Record<string, unknown>,
        response: body,
      });
    }
    for (const [key, child] of Object.entries(record))
      if (key !== 'upstreamCalls') visit(child, `${name}/${key}`);
  };
  visit(json, '');
  return cases;
}

function failures(body: Case['response']) {
  const topLevel = (body.errors ?? []).map((e) => e.extensions?.code ?? null);
  const payloads = Object.entries(body.data ?? {}).map(([root, payload]) => {
    const record = (payload ?? {}) as Record<string, unknown>;
    const list = (record.userErrors ?? record.orderCancelUserErrors ?? []) as Array<{
      field: unknown;
      code?: unknown;
      message?: string;
    }>;
    return {
      root,
      keys: Object.keys(record).sort(),
      userErrors: list.map((e) => ({
        field: e.field,
        code: e.code ?? null,
        // Messages are compared unless they name ids.
        message: /gid:|\d{5,}/.test(e.message ?? '') ? '(names an id)' : e.message,
      })),
    };
  });
  return { topLevel, payloads };
}

const hasFailure = (body: Case['response']) => {
  const f = failures(body);
  return f.topLevel.length > 0 || f.payloads.some((p) => p.userErrors.length > 0);
};

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(async () => sandbox?.close());

describe.skipIf(!sharedPresent)(
  sharedPresent
    ? 'replaying the real captures'
    : 'replaying the real captures (skipped: ../shared not present)',
  () => {
    it.each(files)('fails as Shopify failed: %s', async (file) => {
      const text = readFileSync(join(capturesDir, file), 'utf8');
      const json = JSON.parse(text);
      const shopResponse = await fetch(`${sandbox.url}/sandbox/shops`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          plan: 'standard',
          locations: ['Shop location', 'My Custom Location', 'Third', 'Fourth'],
        }),
      });
      const shop = await shopResponse.json();
      // Every item and location id of the file existed, except those a recorded userError said were unknown.
      const unknown = new Set<string>();
      for (const c of casesOf(json)) {
        for (const payload of Object.values(c.response.data ?? {})) {
          for (const error of (
            payload as { userErrors?: Array<{ field?: string[] | null; message?: string }> } | null
          )?.userErrors ?? []) {
            if (!error.field || !/could not be found|was deleted|does not exist/.test(error.message ?? ''))
              continue;
            let value: unknown = c.variables;
            for (const key of error.field) value = (value as Record<string, unknown> | undefined)?.[key];
            if (typeof value === 'string') unknown.add(value);
          }
        }
      }
      const answered = new Set<string>();
      for (const m of text.matchAll(/gid:\/\/shopify\/(InventoryItem|Location)\/\d+/g))
        if (!unknown.has(m[0])) answered.add(m[0]);
      const mapping = new Map<string, string>();
      let nextLocation = 0;
      for (const id of answered) {
        if (id.includes('/Location/'))
          mapping.set(id, shop.locationIds[nextLocation++ % shop.locationIds.length]);
        else mapping.set(id, (await createStockedProduct(sandbox, shop, `REPLAY-${mapping.size}`, 0)).itemId);
      }
      const remap = (value: unknown): unknown => {
        if (typeof value === 'string')
          return value.replace(
            /gid:\/\/shopify\/(InventoryItem|Location)\/\d+/g,
            (id) => mapping.get(id) ?? id,
          );
        if (Array.isArray(value)) return value.map(remap);
        if (value && typeof value === 'object')
          return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, remap(v)]));
        return value;
      };
      let compared = 0;
      // Every case runs in the recorded order (so later ones meet the state earlier ones made); only the
      // recorded failures are compared.
      // Ids Shopify answered with in a replayed success map to the ids the sandbox answered with there.
      const learn = (theirs: unknown, ours: unknown) => {
        if (typeof theirs === 'string' && typeof ours === 'string') {
          if (/^gid:\/\/shopify\//.test(theirs) && /^gid:\/\/shopify\//.test(ours) && !mapping.has(theirs))
            mapping.set(theirs, ours);
        } else if (Array.isArray(theirs) && Array.isArray(ours)) {
          for (const [i, item] of theirs.entries()) learn(item, ours[i]);
        } else if (theirs && ours && typeof theirs === 'object' && typeof ours === 'object') {
          for (const [key, value] of Object.entries(theirs))
            learn(value, (ours as Record<string, unknown>)[key]);
        }
      };
      for (const c of casesOf(json)) {
        if (!hasFailure(c.response)) {
          const replayed = await rawGraphql(
            sandbox,
            shop.accessToken,
            c.query,
            remap(c.variables) as Record<string, unknown>,
          );
          learn(c.response.data, replayed.body.data);
          continue;
        }
        // A document on types the sandbox does not serve is comparable only where Shopify, too, refused
        // the document itself (parse or validation errors); otherwise it is not a sandbox operation.
        let served = true;
        try {
          const staticCodes = [
            'undefinedField',
            'PARSE_ERROR',
            'selectionMismatch',
            'missingRequiredArguments',
            'argumentLiteralsIncompatible',
          ];
          served =
            validate(adminSchema(), parse(c.query)).length === 0 ||
            (c.response.errors ?? []).some((e) => staticCodes.includes(e.extensions?.code ?? ''));
        } catch {
          served = true;
        }
        if (!served) continue;
        const response = await rawGraphql(
          sandbox,
          shop.accessToken,
          c.query,
          remap(c.variables) as Record<string, unknown>,
        );
        expect({ case: c.name, ...failures(response.body) }).toEqual({
          case: c.name,
          ...failures(c.response),
        });
        // Static errors are data-free: they must match whole (message, locations, path, extensions).
        const staticCodes = ['undefinedField', 'selectionMismatch', 'PARSE_ERROR'];
        const recorded = c.response.errors ?? [];
        if (recorded.length && recorded.every((e) => staticCodes.includes(e.extensions?.code ?? ''))) {
          expect({ case: c.name, body: response.body }).toEqual({ case: c.name, body: c.response });
        }
        compared++;
      }
      expect(compared).toBeGreaterThan(0);
    });
  },
);
