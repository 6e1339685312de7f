import { execute } from 'graphql';
import type { SandboxContext } from '../context.ts';
import { gid } from '../gid.ts';
import { adminSchema } from '../graphql/admin-schema.ts';
import { rootValue } from '../graphql/root-value.ts';
import type { SandboxRuntime } from '../sandbox-runtime.ts';
import { nowText } from '../shopify-time.ts';
import type { ShopRow } from '../store/rows.ts';
import { sql } from '../store/statements.ts';
import { checkBulkQuery, jsonlLines, pagedDocument } from './bulk-query.ts';

export interface BulkRow {
  id: number;
  shop_id: number;
  status: string;
  query: string;
  object_count: number;
  root_object_count: number;
  file_size: number | null;
  result: string | null;
  created_at: string;
  completed_at: string | null;
}

/**
 * Runs a bulk query job in the background (NOTES §8): CREATED → RUNNING (counters grow page by page)
 * → COMPLETED with the JSONL result kept in the sandbox database and served at
 * `/sandbox/bulk-results/<id>.jsonl`. Pages yield to the event loop so the API stays responsive, and
 * the job is not charged against the cost bucket.
 */
export async function runBulkOperation(runtime: SandboxRuntime, shop: ShopRow, id: number): Promise<void> {
  const { db } = runtime;
  const row = sql(db, 'SELECT * FROM bulk_operations WHERE id = ?').get(id) as BulkRow;
  const checked = checkBulkQuery(row.query);
  if ('errors' in checked) return;
  const document = pagedDocument(checked.document);
  sql(db, "UPDATE bulk_operations SET status = 'RUNNING' WHERE id = ? AND status = 'CREATED'").run(id);
  const ctx: SandboxContext = { db, shop, clock: runtime.clock, events: [] };
  const lines: string[] = [];
  let roots = 0;
  let cursor: string | null = null;
  for (;;) {
    const current = sql(db, 'SELECT status FROM bulk_operations WHERE id = ?').get(id) as
      | { status: string }
      | undefined;
    if (!current || current.status !== 'RUNNING') {
      if (current?.status === 'CANCELING')
        sql(db, "UPDATE bulk_operations SET status = 'CANCELED' WHERE id = ?").run(id);
      return;
    }
    const result = await execute({
      schema: adminSchema(),
      document,
      rootValue,
      contextValue: ctx,
      variableValues: { bulkCursor: cursor },
    });
    const data = (result.data ?? {}) as Record<string, Record<string, unknown>>;
    const root = Object.values(data).find((value) => value && typeof value === 'object' && 'edges' in value);
    if (result.errors?.length || !root) {
      sql(db, "UPDATE bulk_operations SET status = 'FAILED', completed_at = ? WHERE id = ?").run(
        nowText(runtime.clock),
        id,
      );
      return;
    }
    const page = jsonlLines(root);
    lines.push(...page.lines);
    roots += page.roots;
    sql(db, 'UPDATE bulk_operations SET object_count = ?, root_object_count = ? WHERE id = ?').run(
      lines.length,
      roots,
      id,
    );
    const pageInfo = root.pageInfo as { hasNextPage: boolean; endCursor: string | null };
    if (!pageInfo.hasNextPage) break;
    cursor = pageInfo.endCursor;
    await new Promise((resolve) => setImmediate(resolve));
  }
  const text = lines.length ? `${lines.join('\n')}\n` : '';
  const completedAt = nowText(runtime.clock);
  sql(
    db,
    "UPDATE bulk_operations SET status = 'COMPLETED', result = ?, file_size = ?, completed_at = ? WHERE id = ?",
  ).run(text, Buffer.byteLength(text), completedAt, id);
  runtime.onEvents(shop.id, [
    {
      topic: 'bulk_operations/finish',
      payload: {
        admin_graphql_api_id: gid('BulkOperation', id),
        completed_at: completedAt,
        created_at: row.created_at,
        error_code: null,
        status: 'completed',
        type: 'query',
      },
    },
  ]);
}

export function bulkOperationModel(runtime: SandboxRuntime, row: BulkRow) {
  const done = row.status === 'COMPLETED';
  return {
    __typename: 'BulkOperation',
    id: gid('BulkOperation', row.id),
    status: row.status,
    type: 'QUERY',
    query: row.query,
    errorCode: row.status === 'FAILED' ? 'INTERNAL_SERVER_ERROR' : null,
    createdAt: row.created_at,
    completedAt: row.completed_at,
    // Counters are strings, and fileSize/url stay null until the job completes (NOTES §1, §8).
    objectCount: String(row.object_count),
    rootObjectCount: String(row.root_object_count),
    fileSize: done && row.file_size !== null ? String(row.file_size) : null,
    url: done && row.file_size ? `${runtime.baseUrl}/sandbox/bulk-results/${row.id}.jsonl` : null,
    partialDataUrl: null,
  };
}
