import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppDeps } from '../server/app-deps.ts';
import { requirePermission } from '../server/authenticate.ts';
import { isoNow } from '../shared/clock.ts';
import { getShopSettings, updateShopSettings } from './settings.repository.ts';

const Policy = Type.Union([Type.Literal('off'), Type.Literal('on'), Type.Literal('manager_pin')]);
const Plan = Type.Union([Type.Literal('free'), Type.Literal('pro'), Type.Literal('pay')]);
const BasisPoints = Type.Integer({ minimum: 0, maximum: 10_000 });
const Minor = Type.Integer({ minimum: 0, maximum: 1_000_000_000 });

const editable = {
  shopName: Type.String({ minLength: 1, maxLength: 200 }),
  address: Type.String({ maxLength: 1000 }),
  currency: Type.String({ pattern: '^[A-Z]{3}$' }),
  pricesIncludeTax: Type.Boolean(),
  defaultTaxRateBp: BasisPoints,
  miscSales: Policy,
  miscSalesWhenShopifyConnected: Policy,
  cashierMaxDiscountBp: BasisPoints,
  returnApprovalOverMinor: Minor,
  receiptFooter: Type.String({ maxLength: 1000 }),
  plan: Plan,
};

export const ShopSettingsSchema = Type.Object({ ...editable, shopifyConnected: Type.Boolean() });

export const settingsRoutes: FastifyPluginAsyncTypebox<{ deps: AppDeps }> = async (app, { deps }) => {
  const db = deps.db.kysely;

  app.get(
    '/api/settings',
    {
      preHandler: requirePermission('settings.read'),
      schema: { tags: ['settings'], summary: 'The shop settings', response: { 200: ShopSettingsSchema } },
    },
    async () => getShopSettings(db),
  );

  app.patch(
    '/api/settings',
    {
      preHandler: requirePermission('settings.write'),
      schema: {
        tags: ['settings'],
        summary: 'Change shop settings (owner only)',
        body: Type.Partial(Type.Object(editable), { additionalProperties: false }),
        response: { 200: ShopSettingsSchema },
      },
    },
    async (request) => updateShopSettings(db, request.body, isoNow(deps.clock)),
  );
};
