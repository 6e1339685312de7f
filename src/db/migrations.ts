import type { Migration } from 'kysely';
import * as catalog0002 from '../catalog/migrations/2026-11-28-0002-create-catalog.ts';
import * as catalog0010 from '../catalog/migrations/2026-11-28-0010-variant-position.ts';
import * as inventory0003 from '../inventory/migrations/2026-11-28-0003-create-inventory.ts';
import * as inventory0020 from '../inventory/migrations/2026-11-28-0020-inventory-indexes.ts';
import * as registers0031 from '../registers/migrations/2026-11-28-0031-create-registers.ts';
import * as sales0032 from '../sales/migrations/2026-11-28-0032-create-sales.ts';
import * as sales0033 from '../sales/migrations/2026-11-28-0033-create-returns-parked-cash-ups.ts';
import * as settings0030 from '../settings/migrations/2026-11-28-0030-create-shop-settings.ts';
import * as shopify0040 from '../shopify/migrations/2026-11-28-0040-create-shopify-sync.ts';
import * as staff0001 from '../staff/migrations/2026-11-28-0001-create-staff.ts';

/**
 * Every migration, by its timestamped name. Each domain folder keeps its own migrations; names sort
 * globally by time, so the order across folders is the order they were written. Never edit one that
 * has been released: add a new file.
 */
export const migrations: Record<string, Migration> = {
  '2026-11-28-0001-create-staff': staff0001,
  '2026-11-28-0002-create-catalog': catalog0002,
  '2026-11-28-0003-create-inventory': inventory0003,
  '2026-11-28-0040-create-shopify-sync': shopify0040,
  '2026-11-28-0020-inventory-indexes': inventory0020,
  '2026-11-28-0010-variant-position': catalog0010,
  '2026-11-28-0030-create-shop-settings': settings0030,
  '2026-11-28-0031-create-registers': registers0031,
  '2026-11-28-0032-create-sales': sales0032,
  '2026-11-28-0033-create-returns-parked-cash-ups': sales0033,
};
