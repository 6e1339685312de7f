import type { MovementReason } from '../core/ledger-rules.ts';

export interface LocationTable {
  id: string;
  name: string;
  active: number;
  created_at: string;
}

/** The projection of the ledger: one row per (variant, location), changed only with a movement. */
export interface StockLevelTable {
  variant_id: string;
  location_id: string;
  on_hand: number;
  /** Units taken by unfulfilled online orders; available = on_hand − committed is computed, never stored. */
  committed: number;
  updated_at: string;
}

/** Append-only: a correction is a new movement that points at what it corrects. */
export interface StockMovementTable {
  id: string;
  variant_id: string;
  location_id: string;
  on_hand_delta: number;
  committed_delta: number;
  reason: MovementReason;
  note: string | null;
  /** The document that caused it: 'sale_line', 'receipt', 'count', 'transfer', 'shopify_order_line', … */
  source_type: string;
  source_id: string;
  /** Unique when present: the identity of an outside event, so delivering it twice records it once. */
  idempotency_key: string | null;
  actor_id: string | null;
  corrects_movement_id: string | null;
  created_at: string;
}

export interface InventoryTables {
  locations: LocationTable;
  stock_levels: StockLevelTable;
  stock_movements: StockMovementTable;
}
