import { ulid } from 'ulidx';

/**
 * Prefixed, time-sortable ids (`sale_01J…`, `mov_01J…`). Generated where the record is born, so an
 * offline register can create a sale id without asking the server.
 */
export type IdPrefix =
  | 'usr'
  | 'reg'
  | 'ses'
  | 'tok'
  | 'prd'
  | 'var'
  | 'loc'
  | 'mov'
  | 'trf'
  | 'sale'
  | 'line'
  | 'pay'
  | 'ret'
  | 'cash'
  | 'park'
  | 'imp';

export type IdGenerator = (prefix: IdPrefix) => string;

export const newId: IdGenerator = (prefix) => `${prefix}_${ulid()}`;
