import { describe, expect, it } from 'vitest';
import { can } from './permissions.ts';

describe('permissions', () => {
  it('lets every role sell, but only managers and owners change stock or prices', () => {
    expect(can('cashier', 'sales.sell')).toBe(true);
    expect(can('cashier', 'stock.write')).toBe(false);
    expect(can('cashier', 'catalog.write')).toBe(false);
    expect(can('manager', 'stock.write')).toBe(true);
    expect(can('manager', 'catalog.write')).toBe(true);
  });

  it('keeps staff management, settings and the Shopify connection with the owner', () => {
    expect(can('manager', 'staff.manage')).toBe(false);
    expect(can('manager', 'settings.write')).toBe(false);
    expect(can('manager', 'integration.manage')).toBe(false);
    expect(can('owner', 'staff.manage')).toBe(true);
    expect(can('owner', 'integration.manage')).toBe(true);
  });
});
