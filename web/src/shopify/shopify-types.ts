/** Shapes of the Shopify API answers the sync page reads (src/shopify/*.routes.ts). */
export interface ShopifyStatus {
  connected: boolean;
  plan: 'free' | 'pro' | 'pay';
  shopDomain?: string;
  authKind?: string;
  scopes?: string[];
  sandbox?: boolean;
  integrationStartedAt?: string | null;
  defaultBuffer?: number;
  editPolicy?: 'override' | 'accept';
  locations?: Array<{ locationId: string; shopifyLocationId: string }>;
  throttle?: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number } | null;
  queue?: { outbox: number; pendingPushes: number; inbox: number };
  lastPushAt?: string | null;
  lastWebhookAt?: string | null;
  latencyMs?: { p50: number | null; p99: number | null; samples: number };
  recentErrors?: Array<{ at: string; where: string; message: string }>;
  failedPushes?: number;
  openManualAdjustments?: number;
  openStockEdits?: number;
  lastReconciliation?: {
    id: string;
    startedAt: string;
    finishedAt: string | null;
    pointsChecked: number;
    drifted: number;
    corrected: number;
    stale: number;
    error: string | null;
  } | null;
}

export type { FailedPushView } from '../../../src/shopify/failed-pushes.service.ts';

export interface FirstSyncState {
  job: {
    id: string;
    status: string;
    variants_read: number;
    error: string | null;
    reading: boolean;
    /** While a confirm creates the POS-only products on Shopify. */
    creating: { done: number; total: number } | null;
  } | null;
  preview: {
    counts: { matched: number; posOnly: number; shopifyOnly: number; conflicts: number };
    conflicts: Array<{ kind: string } & Record<string, unknown>>;
  } | null;
}

export interface FirstSyncOutcome {
  linked: number;
  imported: number;
  createdOnShopify: number;
  skipped: Array<{ product: string; reason: string }>;
  notCreated: Array<{ product: string; reason: string }>;
  corrected: number;
}

export interface DriftRow {
  variant_id: string;
  product_name: string;
  variant_title: string;
  sku: string | null;
  location_name: string;
  pos_online_available: number;
  shopify_available: number;
  cause: string;
  action: string;
}

export interface ManualAdjustment {
  id: string;
  order_name: string | null;
  order_id: string;
  product_name: string;
  variant_title: string;
  location_name: string;
  quantity: number;
  restock_type: string;
  status: string;
}

export interface StockEdit {
  id: string;
  product_name: string;
  variant_title: string;
  shopify_available: number;
  expected_available: number;
  status: string;
  detected_at: string;
}
