import { checkBulkQuery } from '../bulk/bulk-query.ts';
import { type BulkRow, bulkOperationModel, runBulkOperation } from '../bulk/bulk-runner.ts';
import type { SandboxContext } from '../context.ts';
import { parseGid } from '../gid.ts';
import type { SandboxRuntime } from '../sandbox-runtime.ts';
import { nowText } from '../shopify-time.ts';
import { allocateIds } from '../store/sandbox-db.ts';
import { sql } from '../store/statements.ts';

/** At most 5 query jobs per app and shop at once (2026-04 capture; NOTES §8). */
const CONCURRENT_JOBS = 5;

function runtimeOf(ctx: SandboxContext): SandboxRuntime {
  if (!ctx.runtime) throw new Error('bulk operations need the sandbox runtime');
  return ctx.runtime;
}

function findBulk(ctx: SandboxContext, id: string): BulkRow | undefined {
  const numeric = parseGid(id, 'BulkOperation');
  return numeric === undefined
    ? undefined
    : (sql(ctx.db, 'SELECT * FROM bulk_operations WHERE id = ? AND shop_id = ?').get(numeric, ctx.shop.id) as
        | BulkRow
        | undefined);
}

export const bulkQueries = {
  bulkOperation: (args: { id: string }, ctx: SandboxContext) => {
    const row = findBulk(ctx, args.id);
    return row ? bulkOperationModel(runtimeOf(ctx), row) : null;
  },
  currentBulkOperation: (_args: unknown, ctx: SandboxContext) => {
    const row = sql(ctx.db, 'SELECT * FROM bulk_operations WHERE shop_id = ? ORDER BY id DESC LIMIT 1').get(
      ctx.shop.id,
    ) as BulkRow | undefined;
    return row ? bulkOperationModel(runtimeOf(ctx), row) : null;
  },
};

export const bulkMutations = {
  bulkOperationRunQuery: (args: { query: string; groupObjects: boolean }, ctx: SandboxContext) => {
    const checked = checkBulkQuery(args.query);
    if ('errors' in checked) {
      return {
        bulkOperation: null,
        userErrors: checked.errors.map((message) => ({ field: ['query'], message, code: 'INVALID' })),
      };
    }
    const running = sql(
      ctx.db,
      "SELECT id FROM bulk_operations WHERE shop_id = ? AND status IN ('CREATED', 'RUNNING') ORDER BY id",
    ).all(ctx.shop.id) as Array<{ id: number }>;
    if (running.length >= CONCURRENT_JOBS) {
      const ids = running.map((r) => `gid://shopify/BulkOperation/${r.id}`).join(', ');
      return {
        bulkOperation: null,
        userErrors: [
          {
            field: null,
            message: `A bulk query operation for this app and shop is already in progress: ${ids}.`,
            code: 'OPERATION_IN_PROGRESS',
          },
        ],
      };
    }
    const id = allocateIds(ctx.db);
    sql(
      ctx.db,
      "INSERT INTO bulk_operations (id, shop_id, status, query, created_at) VALUES (?, ?, 'CREATED', ?, ?)",
    ).run(id, ctx.shop.id, args.query, nowText(ctx.clock));
    const runtime = runtimeOf(ctx);
    const row = sql(ctx.db, 'SELECT * FROM bulk_operations WHERE id = ?').get(id) as BulkRow;
    setImmediate(() => void runBulkOperation(runtime, ctx.shop, id).catch(() => undefined));
    return { bulkOperation: bulkOperationModel(runtime, row), userErrors: [] };
  },
  bulkOperationCancel: (args: { id: string }, ctx: SandboxContext) => {
    const row = findBulk(ctx, args.id);
    if (!row)
      return {
        bulkOperation: null,
        userErrors: [{ field: ['id'], message: 'Bulk operation does not exist' }],
      };
    if (row.status !== 'CREATED' && row.status !== 'RUNNING') {
      return {
        bulkOperation: bulkOperationModel(runtimeOf(ctx), row),
        userErrors: [
          {
            field: null,
            message: `A bulk operation cannot be canceled when it is ${row.status.toLowerCase()}`,
          },
        ],
      };
    }
    sql(ctx.db, "UPDATE bulk_operations SET status = 'CANCELING' WHERE id = ?").run(row.id);
    return {
      bulkOperation: bulkOperationModel(runtimeOf(ctx), { ...row, status: 'CANCELING' }),
      userErrors: [],
    };
  },
};
