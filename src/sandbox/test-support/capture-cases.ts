import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { capturesDir } from './sandbox-harness.ts';

export interface CaptureCase {
  file: string;
  query: string;
  variables: Record<string, unknown>;
  response: {
    data?: Record<string, unknown> | null;
    errors?: unknown[];
    extensions?: { cost?: CaptureCost };
  };
}
export interface CaptureCost {
  requestedQueryCost: number;
  actualQueryCost: number | null;
  throttleStatus: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number };
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.json') ? [path] : [];
  });
}

/**
 * Every recorded request in the captures that has its document and a response beside it (the cases,
 * not the proxy's `upstreamCalls`, whose pairing of documents and responses is not reliable).
 */
export function captureCases(): CaptureCase[] {
  const cases: CaptureCase[] = [];
  const visit = (node: unknown, file: string, key: string) => {
    if (key === 'upstreamCalls') return;
    if (Array.isArray(node)) {
      for (const item of node) visit(item, file, '');
      return;
    }
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    const response = record.response as Record<string, unknown> | undefined;
    const body = (response?.body ?? response?.payload ?? response) as CaptureCase['response'] | undefined;
    if (typeof record.query === 'string' && body && typeof body === 'object') {
      cases.push({
        file,
        query: record.query,
        variables: (record.variables ?? {}) as Record<string, unknown>,
        response: body,
      });
    }
    for (const [childKey, child] of Object.entries(record)) visit(child, file, childKey);
  };
  for (const path of files(capturesDir))
    visit(JSON.parse(readFileSync(path, 'utf8')), relative(capturesDir, path), '');
  return cases;
}
