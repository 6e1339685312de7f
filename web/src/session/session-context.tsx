import { createContext, useContext } from 'react';
import type { Permission } from '../../../src/core/permissions.ts';
import type { ShopSettings, StaffMember } from '../api/types.ts';

export interface Session {
  staff: StaffMember;
  settings: ShopSettings;
  /** Whether the signed-in role holds the permission (the page hides; the server decides). */
  can(permission: Permission): boolean;
  setStaff(staff: StaffMember | null): void;
  reloadSettings(): Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in page');
  return session;
}

export const DEFAULT_SETTINGS: ShopSettings = {
  shopName: 'Shop',
  address: '',
  currency: 'GBP',
  pricesIncludeTax: true,
  defaultTaxRateBp: 2000,
  miscSales: 'on',
  miscSalesWhenShopifyConnected: 'manager_pin',
  cashierMaxDiscountBp: 1000,
  returnApprovalOverMinor: 5000,
  receiptFooter: '',
  plan: 'free',
  shopifyConnected: false,
};
