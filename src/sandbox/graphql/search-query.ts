/**
 * Shopify's search syntax, the part the project uses: space-separated `field:value` terms, ANDed, with
 * optional comparison operators (`updated_at:>'2026-01-01T00:00:00Z'`) and quotes. Pure.
 */
export interface SearchTerm {
  field: string;
  op: '=' | '>' | '>=' | '<' | '<=';
  value: string;
}

export function parseSearchQuery(query: string | null | undefined): SearchTerm[] {
  if (!query) return [];
  const terms: SearchTerm[] = [];
  const pattern = /(\w+):(>=|<=|>|<)?("[^"]*"|'[^']*'|\S+)/g;
  for (const match of query.matchAll(pattern)) {
    const [, field, op, raw] = match;
    if (!field || raw === undefined) continue;
    const value = /^["'].*["']$/.test(raw) ? raw.slice(1, -1) : raw;
    terms.push({ field: field.toLowerCase(), op: (op ?? '=') as SearchTerm['op'], value });
  }
  return terms;
}

/** SQL for the terms on known columns; terms on other fields are ignored (Shopify warns and ignores). */
export function searchToSql(
  terms: SearchTerm[],
  columns: Record<string, { column: string; kind: 'text' | 'time' | 'id' }>,
): { where: string; params: Array<string | number> } {
  const clauses: string[] = [];
  const params: Array<string | number> = [];
  for (const term of terms) {
    const spec = columns[term.field];
    if (!spec) continue;
    const op = term.op;
    if (spec.kind === 'time') {
      const when = new Date(term.value);
      if (Number.isNaN(when.getTime())) {
        clauses.push('0');
        continue;
      }
      clauses.push(`${spec.column} ${op} ?`);
      params.push(`${when.toISOString().slice(0, 19)}Z`);
    } else if (spec.kind === 'id') {
      clauses.push(`${spec.column} ${op} ?`);
      params.push(Number(term.value.replace(/\D/g, '')) || 0);
    } else {
      clauses.push(`${spec.column} = ?`);
      params.push(term.value);
    }
  }
  return { where: clauses.length ? clauses.join(' AND ') : '1', params };
}
