/** Shopify global ids (`gid://shopify/Type/123`) and opaque cursors (NOTES §1). */
export function gid(type: string, id: number): string {
  return `gid://shopify/${type}/${id}`;
}

/** The numeric id of a GID of the given type, or undefined for any other string. */
export function parseGid(value: string, type: string): number | undefined {
  const match = /^gid:\/\/shopify\/([A-Za-z]+)\/(\d+)(\?.*)?$/.exec(value);
  if (!match || match[1] !== type) return undefined;
  return Number(match[2]);
}

export function gidType(value: string): string | undefined {
  return /^gid:\/\/shopify\/([A-Za-z]+)\/\d+/.exec(value)?.[1];
}

/** An inventory level's GID keeps the item id as a query suffix; `key` is shared by one location's levels. */
export function levelGid(levelKey: number, itemId: number): string {
  return `gid://shopify/InventoryLevel/${levelKey}?inventory_item_id=${itemId}`;
}

export function parseLevelGid(value: string): { levelKey: number; itemId: number } | undefined {
  const match = /^gid:\/\/shopify\/InventoryLevel\/(\d+)\?inventory_item_id=(\d+)$/.exec(value);
  return match ? { levelKey: Number(match[1]), itemId: Number(match[2]) } : undefined;
}

export function encodeCursor(lastId: number, lastValue: string | number): string {
  return Buffer.from(JSON.stringify({ last_id: lastId, last_value: lastValue })).toString('base64');
}

export function decodeCursor(cursor: string): { last_id: number; last_value: string | number } | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8'));
    return typeof parsed?.last_id === 'number' ? parsed : undefined;
  } catch {
    return undefined;
  }
}
