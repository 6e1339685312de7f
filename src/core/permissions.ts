/**
 * Who may do what. The server checks these on every route; the page only uses them to hide buttons.
 * Kept pure so the web client and the server read the same table.
 */
export const ROLES = ['owner', 'manager', 'cashier'] as const;
export type Role = (typeof ROLES)[number];

const MANAGERS: readonly Role[] = ['owner', 'manager'];
const EVERYONE: readonly Role[] = ROLES;
const OWNER: readonly Role[] = ['owner'];

export const PERMISSIONS = {
  'catalog.read': EVERYONE,
  'catalog.write': MANAGERS,
  'stock.read': EVERYONE,
  'stock.write': MANAGERS,
  'sales.sell': EVERYONE,
  'sales.read': EVERYONE,
  'sales.return': EVERYONE,
  'sales.approve': MANAGERS,
  'reports.read': MANAGERS,
  'staff.read': MANAGERS,
  'staff.manage': OWNER,
  'settings.read': EVERYONE,
  'settings.write': OWNER,
  'integration.manage': OWNER,
  'integration.read': MANAGERS,
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
