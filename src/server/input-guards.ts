import type { FastifyRequest } from 'fastify';
import { invalid } from '../shared/app-error.ts';

/** Far deeper than any body of ours (a parked cart is about 6 levels). */
export const MAX_INPUT_DEPTH = 32;

/**
 * Two things valid JSON can hold that no route has a use for, refused before any route sees them:
 * - U+0000: PostgreSQL text cannot hold it (the insert fails, a 500) while SQLite stores it, so the
 *   same request would answer differently per database.
 * - very deep nesting: JSON.parse takes `[[[[…]]]]` 200,000 levels deep, but JSON.stringify and every
 *   recursive walk after it overflow the stack (a 500).
 */
export async function refuseUnstorableInput(request: FastifyRequest): Promise<void> {
  for (const [part, value] of [
    ['body', request.body],
    ['query', request.query],
    ['params', request.params],
  ] as const) {
    const problem = findProblem(value, []);
    if (!problem) continue;
    if (problem.kind === 'nul') {
      const field = problem.path.join('.') || `(${part})`;
      throw invalid('NUL_CHARACTER', `field "${field}" may not contain a NUL character`, field);
    }
    const field = problem.path[0] ?? `(${part})`;
    throw invalid('NESTED_TOO_DEEP', `field "${field}" nests deeper than ${MAX_INPUT_DEPTH} levels`, field);
  }
}

type Problem = { kind: 'nul' | 'depth'; path: string[] };

function findProblem(value: unknown, path: string[]): Problem | null {
  if (typeof value === 'string') return value.includes('\u0000') ? { kind: 'nul', path } : null;
  if (!value || typeof value !== 'object' || Buffer.isBuffer(value)) return null;
  if (path.length >= MAX_INPUT_DEPTH) return { kind: 'depth', path };
  for (const [key, item] of Object.entries(value)) {
    if (key.includes('\u0000')) return { kind: 'nul', path: [...path, key] };
    const found = findProblem(item, [...path, key]);
    if (found) return found;
  }
  return null;
}
