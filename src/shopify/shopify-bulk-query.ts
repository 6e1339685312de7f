import { BULK_OPERATION_RUN_QUERY } from './operations/bulk-operation-run-query.ts';
import { BULK_OPERATION_STATUS } from './operations/bulk-operation-status.ts';
import type { ShopifyGraphql } from './shopify-graphql.ts';

/**
 * Bulk exports (NOTES §8, FACTS §c): a shop too large to page through is read with
 * `bulkOperationRunQuery`, whose job runs on Shopify's side outside the cost bucket and leaves a
 * JSONL file. Here: start a job (waiting for other jobs of the app when Shopify says one is already in
 * progress), poll it to the end, and stream its file line by line, so 100k variants never sit in
 * memory as one string. The pieces are exported separately so a resumable reader can store the job
 * id between them.
 */
export interface BulkWaitOptions {
  /** Longest pause between status polls (ms); polling starts fast and backs off to this. */
  pollMs?: number;
  /** Give up waiting for a job (ours or another) after this long (ms). */
  maxWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Rows counted so far by Shopify, while the job runs. */
  onProgress?: (objectCount: number) => void | Promise<void>;
}

export type BulkStart = { ok: true; id: string } | { ok: false; inProgress: string[]; message: string };

export type BulkEnd =
  | { status: 'COMPLETED'; url: string | null; objectCount: number }
  | { status: 'FAILED' | 'CANCELED' | 'EXPIRED' | 'TIMED_OUT' | 'UNKNOWN'; message: string };

interface BulkStatusData {
  bulkOperation: {
    id: string;
    status: string;
    errorCode: string | null;
    objectCount: string;
    url: string | null;
  } | null;
}

const DEFAULT_POLL_MS = 1000;
const DEFAULT_MAX_WAIT_MS = 30 * 60 * 1000;
const TERMINAL = new Set(['COMPLETED', 'FAILED', 'CANCELED', 'EXPIRED']);

export async function startBulkQuery(shopify: ShopifyGraphql, query: string): Promise<BulkStart> {
  const result = await shopify.request<{
    bulkOperationRunQuery: {
      bulkOperation: { id: string } | null;
      userErrors: Array<{ code: string | null; message: string }>;
    };
  }>(BULK_OPERATION_RUN_QUERY, { query });
  if (!result.ok) return { ok: false, inProgress: [], message: `${result.kind}: ${result.message}` };
  const payload = result.data.bulkOperationRunQuery;
  if (payload.bulkOperation) return { ok: true, id: payload.bulkOperation.id };
  const busy = payload.userErrors.find((e) => e.code === 'OPERATION_IN_PROGRESS');
  return {
    ok: false,
    // "…already in progress: gid://shopify/BulkOperation/1, gid://…/2." (NOTES §8)
    inProgress: busy
      ? [...busy.message.matchAll(/gid:\/\/shopify\/BulkOperation\/\d+/g)].map((m) => m[0])
      : [],
    message: payload.userErrors.map((e) => e.message).join('; ') || 'bulk query refused',
  };
}

/** Polls one job until it is COMPLETED, FAILED, CANCELED or EXPIRED (or the wait runs out). */
export async function waitForBulkOperation(
  shopify: ShopifyGraphql,
  id: string,
  options: BulkWaitOptions = {},
): Promise<BulkEnd> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  const deadline = Date.now() + (options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS);
  // Short jobs finish in well under a second; long ones are polled at pollMs without wasting calls.
  let pause = Math.min(100, pollMs);
  for (;;) {
    const result = await shopify.request<BulkStatusData>(BULK_OPERATION_STATUS, { id });
    if (!result.ok) return { status: 'UNKNOWN', message: `${result.kind}: ${result.message}` };
    const job = result.data.bulkOperation;
    if (!job) return { status: 'UNKNOWN', message: `no bulk operation ${id}` };
    if (job.status === 'COMPLETED')
      return { status: 'COMPLETED', url: job.url, objectCount: Number(job.objectCount) };
    if (TERMINAL.has(job.status))
      return {
        status: job.status as 'FAILED' | 'CANCELED' | 'EXPIRED',
        message: `bulk operation ${job.status.toLowerCase()}${job.errorCode ? ` (${job.errorCode})` : ''}`,
      };
    await options.onProgress?.(Number(job.objectCount));
    if (Date.now() > deadline)
      return { status: 'TIMED_OUT', message: `bulk operation ${id} still ${job.status}` };
    await sleep(pause);
    pause = Math.min(pollMs, Math.ceil(pause * 1.5));
  }
}

/**
 * Streams a JSONL result: each line parsed and handed over as it arrives. A promise returned by
 * `onLine` is awaited before the next line (a reader that writes batches to the database).
 */
export async function forEachJsonlLine(
  url: string,
  onLine: (value: Record<string, unknown>) => void | Promise<void>,
): Promise<number> {
  const response = await fetch(url);
  if (!response.ok || !response.body) throw new Error(`bulk result download failed: HTTP ${response.status}`);
  const decoder = new TextDecoder();
  let pending = '';
  let lines = 0;
  const take = async (line: string) => {
    if (line.trim() === '') return;
    lines++;
    const done = onLine(JSON.parse(line) as Record<string, unknown>);
    if (done) await done;
  };
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    pending += decoder.decode(value, { stream: true });
    let start = 0;
    for (let end = pending.indexOf('\n'); end >= 0; end = pending.indexOf('\n', start)) {
      await take(pending.slice(start, end));
      start = end + 1;
    }
    pending = pending.slice(start);
  }
  await take(pending + decoder.decode());
  return lines;
}

/**
 * Start (waiting out other jobs of the app first, NOTES §8: one to five may run at once), wait,
 * stream. A failure is returned, not thrown, so callers can fall back to paged reads.
 */
export async function runBulkQuery(
  shopify: ShopifyGraphql,
  query: string,
  onLine: (value: Record<string, unknown>) => void | Promise<void>,
  options: BulkWaitOptions = {},
): Promise<{ ok: true; lines: number } | { ok: false; message: string }> {
  let started: BulkStart | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    started = await startBulkQuery(shopify, query);
    if (started.ok || started.inProgress.length === 0) break;
    for (const other of started.inProgress) await waitForBulkOperation(shopify, other, options);
  }
  if (!started?.ok) return { ok: false, message: started?.message ?? 'bulk query not started' };
  const end = await waitForBulkOperation(shopify, started.id, options);
  if (end.status !== 'COMPLETED') return { ok: false, message: end.message };
  if (end.url === null) return { ok: true, lines: 0 };
  try {
    return { ok: true, lines: await forEachJsonlLine(end.url, onLine) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}
