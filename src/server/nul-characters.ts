import type { FastifyRequest } from 'fastify';
import { invalid } from '../shared/app-error.ts';

/**
 * PostgreSQL text cannot hold U+0000 (the insert fails, a 500) while SQLite stores it, so the same
 * request would answer differently per database. No field of ours has a use for it: refuse it up
 * front, naming the field, before any route sees the request.
 */
export async function refuseNulCharacters(request: FastifyRequest): Promise<void> {
  for (const [part, value] of [
    ['body', request.body],
    ['query', request.query],
    ['params', request.params],
  ] as const) {
    const path = pathOfNul(value, []);
    if (path) {
      const field = path.join('.') || `(${part})`;
      throw invalid('NUL_CHARACTER', `field "${field}" may not contain a NUL character`, field);
    }
  }
}

function pathOfNul(value: unknown, path: string[]): string[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = pathOfNul(item, [...path, String(i)]);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const [key, item] of Object.entries(value)) {
      const found = pathOfNul(item, [...path, key]);
      if (found) return found;
      if (key.includes('\u0000')) return [...path, key];
    }
  }
  return null;
}
