import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BULK_INVENTORY_LEVELS_QUERY,
  BULK_OPERATION_RUN_QUERY,
  BULK_VARIANTS_QUERY,
} from '../../shopify/operations/bulk-operation-run-query.ts';
import {
  BULK_OPERATION_STATUS,
  CURRENT_BULK_OPERATION,
} from '../../shopify/operations/bulk-operation-status.ts';
import type { CreatedShop } from '../control/shops.service.ts';
import type { RunningSandbox } from '../start-sandbox.ts';
import { clientFor, createTestShop, startTestSandbox } from '../test-support/sandbox-harness.ts';

let sandbox: RunningSandbox;
let shop: CreatedShop;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  shop = await createTestShop(sandbox);
  const seeded = await fetch(`${sandbox.url}/sandbox/shops/${shop.domain}/seed`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ variants: 600, variantsPerProduct: 3, quantity: 7 }),
  });
  expect(seeded.status).toBe(201);
});
afterAll(async () => sandbox.close());

async function runToCompletion(query: string) {
  const client = clientFor(sandbox, shop);
  const started = await client.request(BULK_OPERATION_RUN_QUERY, { variables: { query } });
  expect(started.data.bulkOperationRunQuery.userErrors).toEqual([]);
  expect(started.data.bulkOperationRunQuery.bulkOperation.status).toBe('CREATED');
  const id = started.data.bulkOperationRunQuery.bulkOperation.id as string;
  for (let i = 0; i < 200; i++) {
    const { data } = await client.request(BULK_OPERATION_STATUS, { variables: { id } });
    if (data.bulkOperation.status === 'COMPLETED') return data.bulkOperation;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('bulk operation did not complete');
}

describe('bulk operations', () => {
  it('exports every variant as JSONL at a URL the sandbox serves, with string counters', async () => {
    const done = await runToCompletion(BULK_VARIANTS_QUERY);
    expect(done).toMatchObject({ objectCount: '600', rootObjectCount: '600', errorCode: null });
    const text = await (await fetch(done.url)).text();
    expect(String(Buffer.byteLength(text))).toBe(done.fileSize);
    const lines = text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(600);
    expect(lines[0]).toMatchObject({
      id: expect.stringMatching(/^gid:\/\/shopify\/ProductVariant\//),
      sku: expect.any(String),
      product: { id: expect.stringMatching(/^gid:\/\/shopify\/Product\//) },
      inventoryItem: { id: expect.stringMatching(/^gid:\/\/shopify\/InventoryItem\//) },
    });
    const current = await clientFor(sandbox, shop).request(CURRENT_BULK_OPERATION);
    expect(current.data.currentBulkOperation.status).toBe('COMPLETED');
  });

  it("exports every item's levels, each level line naming its item in __parentId", async () => {
    const done = await runToCompletion(BULK_INVENTORY_LEVELS_QUERY);
    // 600 items at the shop's two locations.
    expect(done).toMatchObject({ rootObjectCount: '600', objectCount: '1800' });
    const lines = (await (await fetch(done.url)).text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const [item, level] = lines;
    expect(item).toEqual({ id: expect.stringMatching(/^gid:\/\/shopify\/InventoryItem\//) });
    expect(level).toEqual({
      location: { id: shop.locationIds[0] },
      quantities: [{ name: 'available', quantity: 7 }],
      __parentId: item.id,
    });
  });

  it('puts children of a nested connection on their own lines with __parentId', async () => {
    const done = await runToCompletion(
      `{ products { edges { node { id title variants { edges { node { id sku } } } } } } }`,
    );
    expect(done).toMatchObject({ rootObjectCount: '200', objectCount: '800' });
    const lines = (await (await fetch(done.url)).text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const [product, firstVariant] = lines;
    expect(product.__parentId).toBeUndefined();
    expect(firstVariant).toMatchObject({ __parentId: product.id, sku: expect.any(String) });
  });

  it('refuses documents the bulk validator refuses, as INVALID on ["query"]', async () => {
    const client = clientFor(sandbox, shop);
    for (const [query, message] of [
      ['{ shop { id } }', 'Bulk queries must contain at least one connection.'],
      ['', 'Invalid bulk query: syntax error, unexpected end of file'],
    ]) {
      const { data } = await client.request(BULK_OPERATION_RUN_QUERY, { variables: { query } });
      expect(data.bulkOperationRunQuery).toEqual({
        bulkOperation: null,
        userErrors: [{ field: ['query'], message, code: 'INVALID' }],
      });
    }
  });
});
