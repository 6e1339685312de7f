import type { Generated } from 'kysely';
import type { Role } from '../core/permissions.ts';

export interface StaffMemberTable {
  id: string;
  email: string;
  display_name: string;
  role: Role;
  password_hash: string;
  /** Hash of the short PIN used to switch cashier at a register; null until set. */
  pin_hash: string | null;
  active: number;
  created_at: string;
}

export interface SessionTable {
  id: string;
  /** SHA-256 of the cookie value; the raw token is never stored. */
  token_hash: string;
  staff_id: string;
  created_at: string;
  expires_at: string;
}

export interface ApiTokenTable {
  id: string;
  token_hash: string;
  staff_id: string;
  name: string;
  created_at: string;
  revoked_at: string | null;
}

export interface LoginFailureTable {
  id: Generated<number>;
  email: string;
  at: string;
}

export interface StaffTables {
  staff_members: StaffMemberTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  login_failures: LoginFailureTable;
}
