/**
 * Staff who have signed in on this till, remembered in the browser. A cashier may not list staff
 * (that needs staff.read), yet switching cashier by PIN and a manager's approval both need to name
 * someone: this list is what the till has seen, and the server still checks every PIN.
 */
import type { StaffMember } from '../api/types.ts';

const KEY = 'tillsync.knownStaff';

export type KnownStaff = Pick<StaffMember, 'id' | 'displayName' | 'role' | 'hasPin'>;

export function readKnownStaff(): KnownStaff[] {
  try {
    const parsed = JSON.parse(localStorage.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(parsed) ? (parsed as KnownStaff[]) : [];
  } catch {
    return [];
  }
}

export function rememberStaff(staff: KnownStaff | KnownStaff[]): void {
  const incoming = Array.isArray(staff) ? staff : [staff];
  const byId = new Map(readKnownStaff().map((s) => [s.id, s]));
  for (const s of incoming) {
    byId.set(s.id, { id: s.id, displayName: s.displayName, role: s.role, hasPin: s.hasPin });
  }
  localStorage.setItem(KEY, JSON.stringify([...byId.values()]));
}
