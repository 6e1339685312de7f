import { createHash } from 'node:crypto';

/**
 * Fingerprint of a request body for idempotency: the same client id must come with the same body.
 * Keys are sorted so a retry that serialises the same object differently still matches. `approval`
 * is left out: a PIN is a secret, and a replay is judged by what was sold, not who approved it.
 */
export function requestHash(body: object): string {
  const { approval: _approval, ...rest } = body as Record<string, unknown>;
  return createHash('sha256').update(canonicalJson(rest)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
