import type { Generated } from 'kysely';

/** The connected store (one row, id = 1). Secrets are sealed by the secret box, never stored plain. */
export interface ShopifyConnectionTable {
  id: number;
  shop_domain: string;
  auth_kind: 'access_token' | 'client_credentials';
  access_token_sealed: string | null;
  client_id: string | null;
  client_secret_sealed: string | null;
  /** The app's API secret: the key of the webhook HMAC. */
  api_secret_sealed: string;
  token_expires_at: string | null;
  granted_scopes: string;
  /** For the sandbox: the origin that replaces https://<shop> (null for real Shopify). */
  api_origin: string | null;
  webhook_base_url: string | null;
  /** Orders created before this instant never took stock from the POS. */
  integration_started_at: string | null;
  /** Units held back from Shopify for every product without its own buffer. */
  default_buffer: number;
  /** What to do with a stock edit made in Shopify's admin: put the POS figure back, or take it in. */
  edit_policy: 'override' | 'accept';
  connected_at: string;
}

/** A product's own safety buffer: Shopify shows this many fewer than the shop has. */
export interface ShopifyProductBufferTable {
  product_id: string;
  buffer: number;
}

export interface ShopifyLocationMapTable {
  location_id: string;
  shopify_location_id: string;
}

export interface ShopifyVariantLinkTable {
  variant_id: string;
  shopify_variant_id: string;
  shopify_inventory_item_id: string;
  shopify_product_id: string;
  linked_at: string;
}

/**
 * Sync state per (variant, location) — never per item: what we expect Shopify's `available` to be,
 * the safety buffer in force, and at most one push in flight.
 */
export interface ShopifySyncPointTable {
  variant_id: string;
  location_id: string;
  expected_available: number;
  in_flight_push_id: number | null;
  last_pushed_at: string | null;
  updated_at: string;
}

/** Transactional outbox: written in the movement's transaction, drained by the push worker. */
export interface SyncOutboxTable {
  id: Generated<number>;
  variant_id: string;
  location_id: string;
  movement_id: string;
  push_id: number | null;
  created_at: string;
}

/** A planned push, persisted before it is sent so a crash re-sends the same delta with the same key. */
export interface ShopifyPushTable {
  id: Generated<number>;
  variant_id: string;
  location_id: string;
  idempotency_key: string;
  delta: number;
  reference_document_uri: string;
  /** Pushes sent together in one mutation share a batch key: Shopify's idempotency key for that call. */
  batch_key: string | null;
  /** `retried`: a refused push whose movements were queued again by hand (failed-pushes.service.ts). */
  status: 'pending' | 'sent' | 'failed' | 'retried';
  attempts: number;
  last_error: string | null;
  claimed_until: string | null;
  created_at: string;
  sent_at: string | null;
}

/** Webhooks as received, deduplicated by Shopify's webhook id, processed after the 200. */
export interface ShopifyWebhookInboxTable {
  id: Generated<number>;
  webhook_id: string;
  event_id: string | null;
  topic: string;
  shop_domain: string;
  triggered_at: string | null;
  payload: string;
  received_at: string;
  processed_at: string | null;
  attempts: number;
  last_error: string | null;
  claimed_until: string | null;
}

export interface ShopifyCursorTable {
  name: string;
  value: string;
  updated_at: string;
}

export interface ShopifyManualAdjustmentTable {
  id: string;
  /** `shopify:order:<id>:refund:<id>:line:<id>`: one entry per restocking refund line. */
  event_key: string;
  order_id: string;
  order_name: string | null;
  variant_id: string;
  location_id: string;
  quantity: number;
  restock_type: string;
  status: 'open' | 'adjusted' | 'dismissed';
  resolved_by: string | null;
  resolved_at: string | null;
  created_at: string;
}

/** A Shopify-side stock edit: a level no order and no push of ours explains. */
export interface ShopifyStockEditTable {
  id: string;
  variant_id: string;
  location_id: string;
  shopify_available: number;
  expected_available: number;
  status: 'detected' | 'overridden' | 'accepted' | 'explained';
  detected_at: string;
  resolved_at: string | null;
  resolved_by: string | null;
}

export interface ShopifyDriftReportTable {
  id: string;
  started_at: string;
  finished_at: string | null;
  trigger: 'schedule' | 'manual' | 'first_sync';
  points_checked: number;
  drifted: number;
  corrected: number;
  stale: number;
  error: string | null;
}

/** One line of a drift report: what the POS said, what Shopify said, why they differed, what we did. */
export interface ShopifyDriftRowTable {
  id: Generated<number>;
  report_id: string;
  variant_id: string;
  location_id: string;
  pos_online_available: number;
  shopify_available: number;
  expected_available: number;
  cause: 'shopify_edit' | 'unpushed_change' | 'unknown';
  action: 'set' | 'accepted' | 'stale_retry' | 'failed';
}

/** A first sync: read Shopify's catalogue into staging (resumable from its cursor), preview, confirm. */
export interface ShopifyFirstSyncTable {
  id: string;
  status: 'reading' | 'ready' | 'applying' | 'done' | 'failed';
  page_cursor: string | null;
  variants_read: number;
  started_at: string;
  finished_at: string | null;
  error: string | null;
}

export interface ShopifyStagedVariantTable {
  job_id: string;
  shopify_variant_id: string;
  shopify_product_id: string;
  inventory_item_id: string;
  product_title: string;
  variant_title: string;
  sku: string | null;
  barcode: string | null;
  price: string;
}

export interface ShopifyTables {
  shopify_first_syncs: ShopifyFirstSyncTable;
  shopify_staged_variants: ShopifyStagedVariantTable;
  shopify_drift_reports: ShopifyDriftReportTable;
  shopify_drift_rows: ShopifyDriftRowTable;
  shopify_stock_edits: ShopifyStockEditTable;
  shopify_connection: ShopifyConnectionTable;
  shopify_location_map: ShopifyLocationMapTable;
  shopify_product_buffers: ShopifyProductBufferTable;
  shopify_variant_links: ShopifyVariantLinkTable;
  shopify_sync_points: ShopifySyncPointTable;
  sync_outbox: SyncOutboxTable;
  shopify_pushes: ShopifyPushTable;
  shopify_webhook_inbox: ShopifyWebhookInboxTable;
  shopify_cursors: ShopifyCursorTable;
  shopify_manual_adjustments: ShopifyManualAdjustmentTable;
}
