import { GraphQLError } from 'graphql';
import { decodeCursor, encodeCursor } from '../gid.ts';

export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
  reverse?: boolean | null;
}

/** Shopify's page-size rules (NOTES §10): exactly one of first/last, at most 250. */
export function pageSize(args: PageArgs): { size: number; backwards: boolean } {
  const hasFirst = args.first !== undefined && args.first !== null;
  const hasLast = args.last !== undefined && args.last !== null;
  if (!hasFirst && !hasLast) throw badRequest('you must provide one of first or last');
  if (hasFirst && hasLast) throw badRequest('providing both first and last is not supported');
  const size = (hasFirst ? args.first : args.last) as number;
  if (size < 0 || size > 250)
    throw badRequest(`The ${hasFirst ? 'first' : 'last'} argument must be between 0 and 250`);
  return { size, backwards: hasLast };
}

export function badRequest(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_REQUEST' } });
}

export interface Page<T> {
  items: T[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

/**
 * Keyset paging by id over a query that takes `(afterId, beforeId, limit)`: the caller supplies a
 * function that loads up to `limit` rows with ids strictly between the bounds, in the given direction.
 */
export function keysetPage<T extends { id: number }>(
  args: PageArgs,
  load: (bounds: { afterId: number; beforeId: number; limit: number; descending: boolean }) => T[],
): Page<T> {
  const { size, backwards } = pageSize(args);
  const after = args.after ? (decodeCursor(args.after)?.last_id ?? 0) : undefined;
  const before = args.before ? (decodeCursor(args.before)?.last_id ?? 0) : undefined;
  // Bounds are in the page order: with reverse, "after" means a smaller id.
  const reverse = Boolean(args.reverse);
  const bounds = reverse
    ? { afterId: before ?? 0, beforeId: after ?? Number.MAX_SAFE_INTEGER }
    : { afterId: after ?? 0, beforeId: before ?? Number.MAX_SAFE_INTEGER };
  const descending = reverse !== backwards;
  const rows = load({ ...bounds, limit: size + 1, descending });
  const more = rows.length > size;
  const items = rows.slice(0, size);
  if (backwards) items.reverse();
  return {
    items,
    hasNextPage: backwards ? Boolean(args.before) : more,
    hasPreviousPage: backwards ? more : Boolean(args.after),
  };
}

/** A Shopify connection object (edges, nodes, pageInfo) from a page of rows. */
export function connection<T extends { id: number }, N>(
  page: Page<T>,
  toNode: (row: T) => N,
  sortValue: (row: T) => string | number = (row) => row.id,
) {
  const nodes = page.items.map(toNode);
  const cursors = page.items.map((row) => encodeCursor(row.id, sortValue(row)));
  return {
    nodes,
    edges: nodes.map((node, index) => ({ node, cursor: cursors[index] })),
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      startCursor: cursors[0] ?? null,
      endCursor: cursors.at(-1) ?? null,
    },
  };
}

/** Paging over rows already in memory (small lists: locations, webhook subscriptions, fulfilment orders). */
export function pageInMemory<T extends { id: number }>(args: PageArgs, rows: T[]): Page<T> {
  return keysetPage(args, ({ afterId, beforeId, limit, descending }) => {
    const inRange = rows.filter((row) => row.id > afterId && row.id < beforeId);
    inRange.sort((a, b) => (descending ? b.id - a.id : a.id - b.id));
    return inRange.slice(0, limit);
  });
}
