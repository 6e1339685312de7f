import type { Kysely } from 'kysely';
import { can } from '../core/permissions.ts';
import type { Database } from '../db/schema.ts';
import { forbidden } from '../shared/app-error.ts';
import type { Clock } from '../shared/clock.ts';
import { verifyStaffPin } from '../staff/pin-switch.service.ts';

export interface Approval {
  staffId: string;
  pin: string;
}

/**
 * A manager's (or the owner's) approval given at the till with their PIN. `code` names what needed the
 * approval (e.g. DISCOUNT_NEEDS_APPROVAL), so a missing approval answers with that code.
 */
export async function requireManagerApproval(
  db: Kysely<Database>,
  clock: Clock,
  approval: Approval | undefined,
  code: string,
  message: string,
): Promise<string> {
  if (!approval) throw forbidden(code, message);
  const approver = await verifyStaffPin(db, clock, approval.staffId, approval.pin);
  if (!can(approver.role, 'sales.approve')) {
    throw forbidden('APPROVER_NOT_MANAGER', `${approver.display_name} may not approve this (not a manager)`);
  }
  return approver.id;
}
