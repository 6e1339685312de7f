import { expect } from 'vitest';
import { gtinCheckDigit } from '../../src/core/gtin.ts';
import type { Db } from '../../src/db/database.ts';
import { SESSION_COOKIE } from '../../src/server/authenticate.ts';
import { newId } from '../../src/shared/ids.ts';
import { createSession } from '../../src/staff/session.service.ts';
import { createStaffMember } from '../../src/staff/staff.service.ts';
import { insertRegister } from '../support/sales-fixtures.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

export const SHOP_DOMAIN = 'bad-input-test.myshopify.com';
export const WEBHOOK_SECRET = 'bad-input-webhook-secret';

/**
 * A small working shop for the bad-input tests, built through the API where it can be: every staff
 * role signed in (plus an expired session), a location with one stocked, barcoded item, a till, one
 * sale, and a connected Shopify store (its row written directly: no Shopify is needed to receive).
 * Everything a case needs exists before the case's "before" snapshot is taken.
 */
export interface BadInputShop extends TestApp {
  cookies: { owner: string; manager: string; cashier: string; expired: string; deactivated: string };
  locationId: string;
  otherLocationId: string;
  productId: string;
  variantId: string;
  sku: string;
  barcode: string;
  registerId: string;
  saleId: string;
  saleLineId: string;
  /** The staff member whose session has expired (an owner, without a PIN). */
  staffId: string;
  /** The client-made id of the opening stock receipt (10 Blue mugs). */
  receiptId: string;
}

export async function openBadInputShop(db: Db): Promise<BadInputShop> {
  const test = await createTestApp(db);
  const owner = (await test.as('owner')).cookie;
  const manager = (await test.as('manager')).cookie;
  const cashier = (await test.as('cashier')).cookie;
  const send = async (method: 'POST' | 'PUT', url: string, payload: object, cookie = owner) => {
    const response = await test.app.inject({ method, url, payload, headers: { cookie } });
    expect(response.statusCode, `${url}: ${response.body}`).toBeLessThan(300);
    return response.json();
  };

  const locationId = (await send('POST', '/api/locations', { name: 'Shop floor' })).id as string;
  const otherLocationId = (await send('POST', '/api/locations', { name: 'Back room' })).id as string;
  const body = '501234567890';
  const barcode = `${body}${gtinCheckDigit(body)}`;
  const sku = 'MUG-BLUE';
  const product = await send('POST', '/api/catalog/products', {
    name: 'Blue mug',
    taxRateBp: 2000,
    variants: [{ sku, barcode, priceMinor: 800 }],
  });
  const variantId = product.variants[0].id as string;
  const receiptId = 'rcv_BadInputOpening01';
  await send('POST', '/api/stock/receipts', {
    id: receiptId,
    locationId,
    lines: [{ variantId, quantity: 10 }],
  });
  const registerId = await insertRegister(db, locationId, 'Till 1');
  const sale = await send(
    'POST',
    '/api/sales',
    {
      id: newId('sale'),
      registerId,
      lines: [{ id: newId('line'), variantId, quantity: 1 }],
      payments: [{ method: 'cash', amountMinor: 800 }],
    },
    cashier,
  );

  const expiredStaff = await createStaffMember(db.kysely, test.deps, {
    email: 'expired@test.local',
    displayName: 'Gone home',
    role: 'owner',
    password: 'correct horse battery',
  });
  const { token } = await createSession(db.kysely, test.deps, expiredStaff.id);
  await db.kysely
    .updateTable('sessions')
    .set({ expires_at: new Date(Date.now() - 60_000).toISOString() })
    .where('staff_id', '=', expiredStaff.id)
    .execute();

  const leaver = await createStaffMember(db.kysely, test.deps, {
    email: 'leaver@test.local',
    displayName: 'Left the shop',
    role: 'manager',
    password: 'correct horse battery',
  });
  const leaverSession = await createSession(db.kysely, test.deps, leaver.id);
  await db.kysely.updateTable('staff_members').set({ active: 0 }).where('id', '=', leaver.id).execute();

  await db.kysely
    .insertInto('shopify_connection')
    .values({
      id: 1,
      shop_domain: SHOP_DOMAIN,
      auth_kind: 'access_token',
      access_token_sealed: test.deps.secretBox.seal('shpat_not_used'),
      client_id: null,
      client_secret_sealed: null,
      api_secret_sealed: test.deps.secretBox.seal(WEBHOOK_SECRET),
      token_expires_at: null,
      granted_scopes: 'read_products,write_inventory',
      api_origin: 'http://127.0.0.1:9',
      webhook_base_url: null,
      integration_started_at: new Date().toISOString(),
      default_buffer: 0,
      edit_policy: 'override',
      connected_at: new Date().toISOString(),
    })
    .execute();

  return {
    ...test,
    cookies: {
      owner,
      manager,
      cashier,
      expired: `${SESSION_COOKIE}=${token}`,
      deactivated: `${SESSION_COOKIE}=${leaverSession.token}`,
    },
    locationId,
    otherLocationId,
    productId: product.id,
    variantId,
    sku,
    barcode,
    registerId,
    saleId: sale.id,
    saleLineId: sale.lines[0].id,
    staffId: expiredStaff.id,
    receiptId,
  };
}
